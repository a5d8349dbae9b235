package io.deocc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short, CI version of the soak: the summary's arithmetic on hand-made series, then a few hundred
 * reference runs and a few dozen DJL runs for real. Timing and the 5 % bound are not asserted (on a
 * run this short the allocators' warm-up dominates); what is asserted is deterministic — the DJL runs
 * leave not one NDArray behind, and the files have the samples asked for.
 */
class SoakTest {
    @TempDir
    Path dir;

    /** A series of 11 samples, iterations 0, 10, …, 100, with the given resident memory. */
    private static List<SoakSample> series(long... rss) {
        List<SoakSample> out = new ArrayList<>();
        for (int i = 0; i < rss.length; i++) {
            out.add(new SoakSample(10L * i, i, rss[i], 1000L * i, 0, -1, 10, 20));
        }
        return out;
    }

    @Test
    void growthComparesTheMediansOfTheWarmUpAndEndWindows() {
        // warm-up window: iterations 10 and 20 (1000, 1010: median 1005); end: 90 and 100 (1050, 1060: 1055)
        SoakSummary s = SoakSummary.of("t", series(5000, 1000, 1010, 1020, 1030, 1030, 1040, 1040, 1045, 1050, 1060), 5.0);
        assertEquals(100, s.iterations());
        assertEquals(10.0, s.seconds());
        assertEquals(1005, s.warmRssKiB());
        assertEquals(1055, s.endRssKiB());
        // 50 / 1005 = 4.975 %
        assertEquals(100.0 * 50 / 1005, s.growthPercent(), 1e-9);
        assertTrue(s.passed());
        // heap medians: samples 1 and 2 hold 1 000 and 2 000, samples 9 and 10 hold 9 000 and 10 000
        assertEquals(1_500, s.warmHeapBytes());
        assertEquals(9_500, s.endHeapBytes());
        assertEquals(-1, s.warmLiveArrays());
        assertEquals(-1, s.endLiveArrays());
    }

    @Test
    void theStartUpSampleDoesNotCountAndGrowthAtTheBoundFails() {
        // a huge start-up value is outside both windows; 1000 -> 1050 is exactly 5 %, not below it
        SoakSummary s = SoakSummary.of("t", series(9_999_999, 1000, 1000, 1, 1, 1, 1, 1, 1, 1050, 1050), 5.0);
        assertEquals(5.0, s.growthPercent(), 1e-12);
        assertFalse(s.passed());
        assertTrue(s.row().contains("\tFAIL\t"), s.row());
    }

    @Test
    void anOddWindowTakesItsMiddleValueAndShrinkingIsNegativeGrowth() {
        // every 5 iterations up to 100: the warm-up window holds iterations 10, 15, 20
        List<SoakSample> samples = new ArrayList<>();
        long[] rss = new long[21];
        java.util.Arrays.fill(rss, 800);
        rss[2] = 2000;
        rss[3] = 1000;
        rss[4] = 900;
        for (int i = 0; i <= 20; i++) {
            samples.add(new SoakSample(5L * i, i, rss[i], 0, 0, 40 + (i >= 19 ? 1 : 0), 10, 20));
        }
        SoakSummary s = SoakSummary.of("t", samples, 5.0);
        assertEquals(1000, s.warmRssKiB());
        // the end window holds 90, 95, 100: all 800
        assertEquals(800, s.endRssKiB());
        assertEquals(-20.0, s.growthPercent(), 1e-12);
        assertTrue(s.passed());
        // live arrays: the warm-up median and the end's largest, so one late leak shows
        assertEquals(40, s.warmLiveArrays());
        assertEquals(41, s.endLiveArrays());
    }

    @Test
    void aSeriesWithoutASampleInAWindowIsRejectedWithTheFix() {
        List<SoakSample> sparse = List.of(new SoakSample(0, 0, 100, 0, 0, -1, 1, 1), new SoakSample(100, 1, 100, 0, 0, -1, 1, 1));
        DeoccException e = assertThrows(DeoccException.class, () -> SoakSummary.of("t", sparse, 5.0));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("sample more often"), e.getMessage());
        assertThrows(DeoccException.class, () -> SoakSummary.of("t", List.of(), 5.0));
    }

    @Test
    void rowsRoundTripAndTheMarkdownTableShowsEachEngine() {
        SoakSummary s = new SoakSummary("djl", 10_000, 2500.0, 409_600, 419_840, 2.5, 5.0, 64L << 20, 80L << 20, 300, 300);
        assertEquals(s.row(), SoakSummary.parse(s.row()).row());
        SoakSample sample = new SoakSample(50, 1.25, 1234, 5678, 90, 300, 12, 34);
        assertEquals(sample, SoakSample.parse(sample.row()));
        String table = SoakSummary.markdown(List.of(s));
        // 2 500 s / 10 000 runs = 250 ms; 409 600 KiB = 400 MiB; 419 840 KiB = 410 MiB
        assertTrue(table.contains("| djl | 10000 | 250.0 | 400.0 | 410.0 | +2.50 % | pass (< 5 %) | 64.0 → 80.0 | 300 → 300 |"), table);
    }

    @Test
    void theArrayProbeSeesArraysOnAnyManagerOfTheProcess() {
        NDManager system = Soak.systemManager(2);
        int before = Soak.liveArrays(system);
        try (NDManager manager = io.deocc.engine.djl.Networks.load(2).newManager()) {
            manager.zeros(new Shape(2, 3));
            try (NDManager child = manager.newSubManager()) {
                child.ones(new Shape(4));
                assertEquals(before + 2, Soak.liveArrays(system));
            }
            assertEquals(before + 1, Soak.liveArrays(system));
        }
        assertEquals(before, Soak.liveArrays(system));
    }

    @Test
    void aShortReferenceSoakWritesItsSeriesAndSummary() throws IOException {
        Soak.Settings settings = Soak.Settings.defaults("reference").withIterations(200, 20).withSize(64, 80);
        SoakSummary summary = Soak.run(settings, dir);
        assertEquals(200, summary.iterations());
        List<String> lines = Files.readAllLines(dir.resolve("soak-reference.tsv"), StandardCharsets.UTF_8);
        assertEquals(SoakSample.HEADER, lines.get(0));
        // iterations 0, 20, ..., 200
        assertEquals(12, lines.size());
        List<SoakSample> samples = lines.subList(1, lines.size()).stream().map(SoakSample::parse).toList();
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(20L * i, samples.get(i).iteration());
            assertTrue(samples.get(i).rssKiB() > 0);
            assertEquals(-1, samples.get(i).liveArrays(), "the reference engine has no NDArrays");
        }
        // the mask-file segmenter reads a PNG per run: one file left open per run would add 20 per sample;
        // the JVM itself may hold a file or two for a moment (a jar, a class), so that much slack is allowed
        int files = samples.get(1).openFiles();
        assertTrue(samples.stream().allMatch(s -> s.openFiles() <= files + 2), samples.toString());
        List<String> summaryLines = Files.readAllLines(dir.resolve("soak-reference-summary.tsv"), StandardCharsets.UTF_8);
        assertEquals(SoakSummary.HEADER, summaryLines.get(0));
        assertEquals(summary.row(), summaryLines.get(1));
        // the summary is the series' own: recomputed from the file it is the same
        assertEquals(summary.row(), SoakSummary.of("reference", samples, summary.boundPercent()).row());
    }

    @Test
    void aShortDjlSoakLeavesNoNdArrayBehind() throws IOException {
        Soak.Settings settings = Soak.Settings.defaults("djl").withIterations(24, 4).withSize(64, 80);
        SoakSummary summary = Soak.run(settings, dir);
        List<SoakSample> samples = Files.readAllLines(dir.resolve("soak-djl.tsv"), StandardCharsets.UTF_8).stream().skip(1)
                .map(SoakSample::parse).toList();
        assertEquals(7, samples.size());
        // the three models' parameters are alive throughout; a run that left even one array would add 4 per sample
        int loaded = samples.get(0).liveArrays();
        assertTrue(loaded > 0, "the probe must see the models' parameters");
        for (SoakSample s : samples) {
            assertEquals(loaded, s.liveArrays(), "live NDArrays after " + s.iteration() + " runs");
        }
        assertEquals(loaded, summary.endLiveArrays());
    }

    @Test
    void aShortOnnxSoakKeepsItsThreadsAndOpenFiles() throws IOException {
        Soak.Settings settings = Soak.Settings.defaults("onnx").withIterations(24, 4).withSize(64, 80);
        Soak.run(settings, dir);
        List<SoakSample> samples = Files.readAllLines(dir.resolve("soak-onnx.tsv"), StandardCharsets.UTF_8).stream().skip(1)
                .map(SoakSample::parse).toList();
        assertEquals(7, samples.size());
        // after the first runs (sessions created, thread pools started) nothing may accumulate; the slack of 2
        // covers the JVM's own late work (a jar opened by lazy class loading, a compiler thread), as for the
        // reference soak: a leak of one per run would pass it within a few runs
        SoakSample warm = samples.get(1);
        for (SoakSample s : samples.subList(1, samples.size())) {
            assertTrue(s.threads() <= warm.threads() + 2, "threads after " + s.iteration() + " runs: " + samples);
            assertTrue(s.openFiles() <= warm.openFiles() + 2, "open files after " + s.iteration() + " runs: " + samples);
        }
    }

    @Test
    void badSettingsNameTheOption() {
        DeoccException e = assertThrows(DeoccException.class, () -> Soak.Settings.defaults("tensorflow"));
        assertTrue(e.getMessage().contains("--engine"), e.getMessage());
        e = assertThrows(DeoccException.class, () -> Soak.Settings.defaults("djl").withIterations(0, 1));
        assertTrue(e.getMessage().contains("--iterations"), e.getMessage());
        e = assertThrows(DeoccException.class, () -> Soak.main(new String[] {"--engine", "djl", "--out", dir.toString(), "--every", "x"}));
        assertTrue(e.getMessage().contains("--every 'x'"), e.getMessage());
    }
}
