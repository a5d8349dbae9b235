package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.api.io.ImageFiles;
import io.deocc.cli.CliHarness.Outcome;
import io.deocc.runtime.PluginRegistry;
import io.deocc.runtime.batch.BatchReport;
import io.deocc.runtime.batch.BatchRunner;
import io.deocc.synth.Scene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<PluginRegistry> FAKES = () -> PluginRegistry.of(List.of(new FakePlugin()));
    private static final String[] FAKE_COMPONENTS = {"--segmenter", "left-half", "--completer", "reject-second", "--recoverer", "paint-white"};

    @TempDir
    Path dir;

    private static String[] args(String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(FAKE_COMPONENTS));
        return all.toArray(String[]::new);
    }

    private static List<String> itemFolders(Path out) throws IOException {
        try (Stream<Path> entries = Files.list(out)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void folderOfImagesWritesEveryItemReportsTheBrokenOneAndResumes() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 1; i <= 3; i++) {
            ImageFiles.writePng(CliHarness.scene(40 + i).image(), in.resolve("photo-" + i + ".png"));
        }
        Files.write(in.resolve("broken.png"), new byte[] {1, 2, 3});
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Path out = dir.resolve("out");

        Outcome first = run(dir, FAKES, args("batch", "in", "-o", "out", "--workers", "2"));

        assertEquals(Main.EXIT_BAD_INPUT, first.exitCode(), first::toString);
        assertEquals(List.of("photo-1", "photo-2", "photo-3"), itemFolders(out));
        for (int i = 1; i <= 3; i++) {
            Path item = out.resolve("photo-" + i);
            for (String name : PersonOutputs.FILES) {
                assertTrue(Files.isRegularFile(item.resolve("person-1").resolve(name)), name + " missing in " + item);
            }
            JsonNode summary = JSON.readTree(item.resolve(BatchCommand.SUMMARY_FILE).toFile());
            assertEquals(in.resolve("photo-" + i + ".png").toString(), summary.get("image").asText());
            assertEquals(item.toAbsolutePath().normalize().toString(), summary.get("outputDirectory").asText());
            assertEquals("left-half", summary.get("components").get("segmenter").get("name").asText());
        }
        List<String> errors = first.errLines();
        assertEquals(1, errors.size(), first::toString);
        assertTrue(errors.get(0).startsWith("deocc: item broken FAILED (IMAGE_UNREADABLE): "), errors.get(0));
        List<String> lines = first.out().lines().toList();
        assertEquals(1, lines.size(), first::toString);
        assertTrue(lines.get(0).startsWith("batch: 3 done, 0 skipped (done before), 1 failed, 0 timed out, 0 not run; "), lines.get(0));
        assertTrue(lines.get(0).endsWith("report: " + out.toAbsolutePath().normalize().resolve(BatchReport.JSON_FILE)), lines.get(0));
        JsonNode report = JSON.readTree(out.resolve(BatchReport.JSON_FILE).toFile());
        assertEquals(4, report.get("outcomes").size());
        assertTrue(Files.isRegularFile(out.resolve(BatchRunner.STATE_FOLDER).resolve(BatchRunner.INDEX_FILE)));

        Outcome second = run(dir, FAKES, args("batch", "in", "-o", "out", "--tolerate-failures"));
        assertEquals(Main.EXIT_OK, second.exitCode(), second::toString);
        assertTrue(second.out().startsWith("batch: 0 done, 3 skipped (done before), 1 failed,"), second::toString);

        Files.delete(in.resolve("broken.png"));
        Outcome third = run(dir, FAKES, args("batch", "in", "-o", "out", "--no-resume"));
        assertEquals(Main.EXIT_OK, third.exitCode(), third::toString);
        assertTrue(third.out().startsWith("batch: 3 done, 0 skipped"), third::toString);
        assertEquals("", third.err(), third::toString);
    }

    @Test
    void datasetItemsUseTheirVisibleMasksAndMatchDeoccRunByteForByte() throws IOException {
        Path data = Files.createDirectories(dir.resolve("set"));
        StringBuilder manifest = new StringBuilder();
        for (int i = 1; i <= 2; i++) {
            Scene scene = CliHarness.scene(60 + i);
            ImageFiles.writePng(scene.image(), data.resolve("image/s" + i + ".png"));
            ImageFiles.writePng(scene.visible(), data.resolve("visible/s" + i + ".png"));
            ImageFiles.writePng(scene.amodal(), data.resolve("amodal/s" + i + ".png"));
            manifest.append("{\"id\":\"s").append(i).append("\",\"image\":\"image/s").append(i).append(".png\",\"visible\":\"visible/s")
                    .append(i).append(".png\",\"amodal\":\"amodal/s").append(i).append(".png\"}\n");
        }
        manifest.append("{\"id\":\"escape\",\"image\":\"../x.png\",\"visible\":\"visible/s1.png\",\"amodal\":\"amodal/s1.png\"}\n");
        Files.writeString(data.resolve("manifest.jsonl"), manifest);

        Outcome batch = run(dir, "batch", data.toString(), "-o", dir.resolve("out").toString(), "--workers", "2", "--progress");
        assertEquals(Main.EXIT_BAD_INPUT, batch.exitCode(), "an unusable manifest line fails the batch without --tolerate-failures: " + batch);
        // deocc-data's own message: the same checks as every other reader of datasets
        assertTrue(batch.err().contains("deocc: skipped manifest.jsonl line 3 (id 'escape') field 'image'")
                && batch.err().contains("'../x.png' contains '..' and would leave the dataset folder"), batch::toString);
        assertTrue(batch.out().startsWith("batch: 2 done,"), batch::toString);

        for (int i = 1; i <= 2; i++) {
            Path runOut = dir.resolve("run-" + i);
            Outcome single = run(dir, "run", data.resolve("image/s" + i + ".png").toString(), "--masks", data.resolve("visible/s" + i + ".png").toString(),
                    "-o", runOut.toString());
            assertEquals(Main.EXIT_OK, single.exitCode(), single::toString);
            for (String name : PersonOutputs.FILES) {
                assertArrayEquals(Files.readAllBytes(runOut.resolve("person-1").resolve(name)),
                        Files.readAllBytes(dir.resolve("out/s" + i + "/person-1").resolve(name)), "s" + i + " " + name);
            }
            JsonNode summary = JSON.readTree(dir.resolve("out/s" + i).resolve(BatchCommand.SUMMARY_FILE).toFile());
            assertEquals("mask-file", summary.get("components").get("segmenter").get("name").asText());
        }
    }

    @Test
    void globsNameItemsAfterTheirPathBelowTheFirstWildcard() throws IOException {
        Path in = dir.resolve("photos");
        ImageFiles.writePng(CliHarness.scene(71).image(), in.resolve("day-1/street.png"));
        ImageFiles.writePng(CliHarness.scene(72).image(), in.resolve("day-2/street.png"));
        ImageFiles.writePng(CliHarness.scene(73).image(), in.resolve("day-2/skip.jpg.txt"));

        Outcome outcome = run(dir, FAKES, args("batch", "photos/**/*.png", "-o", "out", "--workers", "1"));

        assertEquals(Main.EXIT_OK, outcome.exitCode(), outcome::toString);
        assertEquals(List.of("day-1_street", "day-2_street"), itemFolders(dir.resolve("out")));
    }

    @Test
    void badArgumentsFailBeforeAnythingIsWritten() {
        Outcome workers = run(dir, FAKES, args("batch", dir.toString(), "-o", "out", "--workers", "0"));
        assertEquals(Main.EXIT_BAD_INPUT, workers.exitCode(), workers::toString);
        assertTrue(workers.err().contains("workers is 0"), workers::toString);

        Outcome nothing = run(dir, FAKES, args("batch", "none/*.png", "-o", "out"));
        assertEquals(Main.EXIT_BAD_INPUT, nothing.exitCode(), nothing::toString);
        assertEquals(1, nothing.errLines().size(), nothing::toString);

        Outcome noOut = run(dir, FAKES, args("batch", dir.toString()));
        assertEquals(Main.EXIT_BAD_INPUT, noOut.exitCode(), noOut::toString);
        assertTrue(noOut.err().contains("--out"), noOut::toString);
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
