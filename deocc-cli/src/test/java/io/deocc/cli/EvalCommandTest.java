package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.cli.CliHarness.Outcome;
import io.deocc.data.DatasetLayout;
import io.deocc.data.DatasetWriter;
import io.deocc.data.Sample;
import io.deocc.data.SynthPreset;
import io.deocc.data.SynthSet;
import io.deocc.data.eval.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNT = 5;

    @TempDir
    Path dir;

    private Path dataset;
    private final List<Sample> samples = new ArrayList<>();

    @BeforeEach
    void writeDataset() {
        // bench-content samples carry no segmenter mask, so the completer's input is the true visible mask
        SynthSet set = SynthSet.of(SynthPreset.BENCH_CONTENT).withSeed(7).withCount(COUNT).withSize(64);
        dataset = dir.resolve("data");
        try (DatasetWriter writer = DatasetWriter.create(dataset, false)) {
            for (int i = 0; i < COUNT; i++) {
                samples.add(set.sample(i));
                writer.write(set.sample(i), set.metadata(i));
            }
        }
    }

    @Test
    void visibleOnlyScoresTheMeanVisibleRatioAndWritesTheReport() throws IOException {
        Path out = dir.resolve("report");
        Outcome outcome = run(dir, "eval", "--dataset", dataset.toString(), "--stage", "mask", "--completer", "visible-only",
                "--threads", "2", "--out", out.toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertEquals("", outcome.err(), outcome::toString);
        JsonNode report = JSON.readTree(out.resolve(ReportWriter.JSON_FILE).toFile());
        double meanRatio = samples.stream().mapToDouble(Sample::visibleRatio).average().orElseThrow();
        assertEquals(meanRatio, report.get("mask").get("mIoU").asDouble(), 1e-9, "visible-only's IoU is each person's visible ratio");
        assertEquals("visible-only", report.get("completer").asText());
        assertTrue(report.get("recoverer").isNull());
        assertEquals(COUNT, report.get("scored").asInt());
        assertEquals(1 + COUNT, Files.readAllLines(out.resolve(ReportWriter.CSV_FILE)).size());
        String html = Files.readString(out.resolve(ReportWriter.HTML_FILE));
        assertTrue(html.contains("<svg"));
        assertTrue(Files.isRegularFile(out.resolve(report.get("worst").get(0).get("panel").asText())));
        assertTrue(outcome.out().contains("mIoU"), outcome::toString);
        assertTrue(outcome.out().contains(String.format(java.util.Locale.ROOT, "%.4f", meanRatio)), outcome::toString);
    }

    @Test
    void contentStageScoresTheMeanColourBaselineWithGroundTruthMasks() throws IOException {
        Path out = dir.resolve("content");
        Outcome outcome = run(dir, "eval", "--dataset", dataset.toString(), "--stage", "content", "--recoverer", "mean-colour",
                "--json", "--out", out.toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        JsonNode printed = JSON.readTree(outcome.out());
        assertEquals("mean-colour", printed.get("recoverer").asText());
        assertEquals("ground-truth", printed.get("contentMasks").asText());
        assertTrue(printed.get("completer").isNull());
        assertTrue(printed.get("content").get("l1").asDouble() > 0, "one flat colour cannot reproduce the hidden body");
        assertEquals(COUNT, printed.get("content").get("count").asInt());
        assertEquals(printed, JSON.readTree(out.resolve(ReportWriter.JSON_FILE).toFile()), "--json prints report.json");
    }

    @Test
    void autoStageRunsBothStagesWhenTheDatasetHasOriginals() throws IOException {
        Path out = dir.resolve("both");
        Outcome outcome = run(dir, "eval", "--dataset", dataset.toString(), "--completer", "visible-only", "--recoverer", "mean-colour",
                "--content-masks", "predicted", "--limit", "3", "--out", out.toString(), "--json");

        assertEquals(0, outcome.exitCode(), outcome::toString);
        JsonNode printed = JSON.readTree(outcome.out());
        assertEquals(3, printed.get("items").asInt());
        assertEquals("predicted", printed.get("contentMasks").asText());
        assertFalse(printed.get("mask").isMissingNode());
        assertFalse(printed.get("content").isMissingNode());
    }

    @Test
    void unreadableItemsAreSkippedCountedAndTheRunStillSucceeds() throws IOException {
        Files.writeString(dataset.resolve(DatasetLayout.MANIFEST), "{this is not json\n", StandardOpenOption.APPEND);
        Path out = dir.resolve("skips");
        Outcome outcome = run(dir, "eval", "--dataset", dataset.toString(), "--stage", "mask", "--completer", "visible-only",
                "--out", out.toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertEquals(1, outcome.errLines().size(), outcome::toString);
        assertTrue(outcome.err().startsWith("deocc: warning: 1 item(s) skipped"), outcome::toString);
        JsonNode report = JSON.readTree(out.resolve(ReportWriter.JSON_FILE).toFile());
        assertEquals(1, report.get("skipped").asInt());
        assertEquals("read", report.get("skippedItems").get(0).get("phase").asText());
        List<String> csv = Files.readAllLines(out.resolve(ReportWriter.CSV_FILE));
        assertEquals(2 + COUNT, csv.size());
        assertTrue(csv.get(csv.size() - 1).contains(",skipped,"), csv.get(csv.size() - 1));
    }

    @Test
    void progressBarIsDrawnOnStderrWhenAskedFor() {
        Outcome outcome = run(dir, "eval", "--dataset", dataset.toString(), "--stage", "mask", "--completer", "visible-only",
                "--progress", "--out", dir.resolve("progress").toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.err().contains("eval") && outcome.err().contains(COUNT + "/"), outcome::toString);
        assertFalse(outcome.out().contains(" items ("), "progress must not reach stdout: " + outcome.out());
    }

    @Test
    void badInputExitsWithOneAndOneLine() {
        List<List<String>> cases = List.of(
                List.of("eval", "--dataset", dir.resolve("missing").toString()),
                List.of("eval", "--dataset", dataset.toString(), "--completer", "no-such-completer", "--stage", "mask"),
                List.of("eval", "--dataset", dataset.toString(), "--stage", "mask", "--content-masks", "predicted"),
                List.of("eval", "--dataset", dataset.toString(), "--stage", "sideways"),
                List.of("eval", "--dataset", dataset.toString(), "--content-masks", "guessed"),
                List.of("eval", "--dataset", dataset.toString(), "--threads", "0"),
                List.of("eval", "--dataset", dataset.toString(), "--stage", "mask", "--completer", "visible-only",
                        "--set", "mask-completer.wobble=1"),
                List.of("eval"));
        for (List<String> args : cases) {
            Outcome outcome = run(dir, args.toArray(String[]::new));
            assertEquals(Main.EXIT_BAD_INPUT, outcome.exitCode(), () -> args + "\n" + outcome);
            assertEquals(1, outcome.errLines().size(), () -> args + "\n" + outcome);
            assertTrue(outcome.err().startsWith("deocc: "), () -> args + "\n" + outcome);
        }
        assertFalse(Files.exists(dir.resolve("out")), "bad input writes no report");
    }
}
