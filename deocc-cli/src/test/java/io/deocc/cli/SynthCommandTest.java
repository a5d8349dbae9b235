package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ResourceLimits;
import io.deocc.cli.CliHarness.Outcome;
import io.deocc.data.Datasets;
import io.deocc.data.SampleResult;
import io.deocc.data.SampleSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {
    private static final int COUNT = 20;

    @TempDir
    Path dir;

    private Outcome synth(Path out, String... more) {
        String[] base = {"synth", "--preset", "bench-mask", "--seed", "7", "--count", Integer.toString(COUNT), "--size", "64",
            "--out", out.toString()};
        String[] args = Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
        return run(dir, args);
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreads() throws IOException {
        Outcome first = synth(dir.resolve("a"), "--threads", "1");
        Outcome second = synth(dir.resolve("b"), "--threads", "2");
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(0, second.exitCode(), second::toString);
        Map<String, String> a = hashes(dir.resolve("a"));
        Map<String, String> b = hashes(dir.resolve("b"));
        // manifest + image, visible, amodal, segmenter mask, two parsing maps and occluder per sample
        assertEquals(1 + COUNT * 7, a.size(), a.keySet().toString());
        assertEquals(a, b);
        Outcome otherSeed = run(dir, "synth", "--preset", "bench-mask", "--seed", "8", "--count", "2", "--size", "64",
                "--out", dir.resolve("c").toString());
        assertEquals(0, otherSeed.exitCode(), otherSeed::toString);
        assertFalse(a.get("image/bench-mask-000000.png").equals(hashes(dir.resolve("c")).get("image/bench-mask-000000.png")));
    }

    @Test
    void writtenSetReadsBackWithNothingSkippedAndASummaryLine() {
        Outcome outcome = run(dir, "synth", "--preset", "bench-content", "--count", "5", "--size", "64", "--out", dir.resolve("set").toString());
        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertEquals("", outcome.err(), "no progress bar when stderr is not a terminal");
        assertTrue(outcome.out().matches("(?s)wrote 5 samples of synthetic set bench-content .* in [0-9.]+ s \\([0-9.]+ samples/s\\)\\R"), outcome.out());
        try (SampleSource source = Datasets.open(dir.resolve("set"), ResourceLimits.defaults())) {
            List<SampleResult> results = source.stream().toList();
            assertEquals(5, results.size());
            assertTrue(results.stream().allMatch(r -> r instanceof SampleResult.Loaded), results.toString());
            assertTrue(((SampleResult.Loaded) results.get(0)).sample().original().isPresent());
        }
    }

    @Test
    void progressBarOnRequest() {
        Outcome outcome = run(dir, "synth", "--preset", "train", "--count", "3", "--size", "64", "--progress", "--out", dir.resolve("t").toString());
        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.err().contains("synth") && outcome.err().contains("100%"), outcome.err());
    }

    @Test
    void refusesNonEmptyFolderWithoutForce() throws IOException {
        Path out = Files.createDirectories(dir.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "x");
        Outcome refused = synth(out);
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("is not empty") && refused.err().contains("--force"), refused.err());
        Outcome forced = synth(out, "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
    }

    @Test
    void badParametersExitOneNamingTheAllowedRange() {
        Map<List<String>, String> cases = Map.of(
                List.of("--preset", "bench-mask", "--size", "32"), "image size 32 is out of range: use 64 to 1024",
                List.of("--preset", "bench-mask", "--count", "0"), "sample count 0 is out of range: use 1 to 1000000",
                List.of("--preset", "bench-mask", "--threads", "0"), "--threads 0 is out of range: use 1 to 64",
                List.of("--preset", "train"), "give --count 1 to 1000000",
                List.of("--preset", "nope"), "use one of bench-mask, bench-content, train",
                List.of("--preset", "bench-mask", "--count", "many"), "--count");
        cases.forEach((flags, expected) -> {
            String[] args = Stream.concat(Stream.of("synth", "--out", dir.resolve("x").toString()), flags.stream()).toArray(String[]::new);
            Outcome outcome = run(dir, args);
            assertEquals(1, outcome.exitCode(), outcome::toString);
            assertEquals(1, outcome.errLines().size(), outcome::toString);
            assertTrue(outcome.err().startsWith("deocc: ") && outcome.err().contains(expected), expected + " in: " + outcome.err());
        });
        assertFalse(Files.exists(dir.resolve("x")), "nothing is written when the parameters are bad");
    }

    @Test
    void cutoutFolderPastesItsPixelsIntoTheSamples() throws IOException {
        Path cutouts = Files.createDirectories(dir.resolve("cutouts"));
        // an opaque magenta rectangle on a transparent margin: the generator never draws pure magenta itself.
        // Cut-outs are one occluder kind among seven, so 40 samples make it near-certain one is drawn.
        BufferedImage magenta = new BufferedImage(24, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 4; y < 36; y++) {
            for (int x = 2; x < 22; x++) {
                magenta.setRGB(x, y, 0xFFFF00FF);
            }
        }
        assertTrue(ImageIO.write(magenta, "png", cutouts.resolve("magenta.png").toFile()));
        Outcome outcome = run(dir, "synth", "--preset", "train", "--seed", "3", "--count", "40", "--size", "64",
                "--cutouts", cutouts.toString(), "--out", dir.resolve("set").toString());
        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.out().contains("1 cut-outs"), outcome.out());
        boolean magentaSeen = false;
        try (SampleSource source = Datasets.open(dir.resolve("set"), ResourceLimits.defaults())) {
            for (SampleResult result : source.stream().toList()) {
                var sample = ((SampleResult.Loaded) result).sample();
                var occluder = sample.occluder().orElseThrow();
                for (int i = 0; i < 64 * 64 && !magentaSeen; i++) {
                    magentaSeen = occluder.get(i % 64, i / 64) && sample.image().rgb(i % 64, i / 64) == 0xFF00FF;
                }
            }
        }
        assertTrue(magentaSeen, "some occluder region shows the magenta cut-out");
        Outcome plain = run(dir, "synth", "--preset", "train", "--seed", "3", "--count", "40", "--size", "64",
                "--out", dir.resolve("plain").toString());
        assertEquals(0, plain.exitCode(), plain::toString);
        try (SampleSource source = Datasets.open(dir.resolve("plain"), ResourceLimits.defaults())) {
            assertTrue(source.stream().map(r -> ((SampleResult.Loaded) r).sample().image())
                    .noneMatch(image -> java.util.Arrays.stream(image.toArray()).anyMatch(rgb -> rgb == 0xFF00FF)),
                    "without cut-outs no pixel is pure magenta, so the check above is meaningful");
        }
    }

    @Test
    void cutoutsFromAnotherDatasetAreUsed() {
        Outcome people = run(dir, "synth", "--preset", "bench-content", "--count", "3", "--size", "64", "--out", dir.resolve("people").toString());
        assertEquals(0, people.exitCode(), people::toString);
        Outcome outcome = run(dir, "synth", "--preset", "train", "--count", "2", "--size", "64", "--max-cutouts", "2",
                "--cutouts-from", dir.resolve("people").toString(), "--out", dir.resolve("set").toString());
        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.out().contains("2 cut-outs"), outcome.out());
    }

    @Test
    void badCutoutFolderExitsOneWithOneLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path flat = Files.createDirectories(dir.resolve("flat"));
        assertTrue(ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", flat.resolve("box.png").toFile()));
        Map<String, String> cases = Map.of(
                empty.toString(), "holds no .png file",
                flat.toString(), "need transparency",
                dir.resolve("missing").toString(), "does not exist");
        cases.forEach((folder, expected) -> {
            Outcome outcome = synth(dir.resolve("x"), "--cutouts", folder);
            assertEquals(1, outcome.exitCode(), outcome::toString);
            assertEquals(1, outcome.errLines().size(), outcome::toString);
            assertTrue(outcome.err().startsWith("deocc: ") && outcome.err().contains(expected), expected + " in: " + outcome.err());
        });
        Outcome badMax = synth(dir.resolve("x"), "--cutouts", flat.toString(), "--max-cutouts", "0");
        assertEquals(1, badMax.exitCode(), badMax::toString);
        assertTrue(badMax.err().contains("--max-cutouts 0 is out of range"), badMax.err());
        assertFalse(Files.exists(dir.resolve("x")), "nothing is written when the cut-outs are bad");
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
