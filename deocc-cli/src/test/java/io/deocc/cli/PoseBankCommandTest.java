package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.image.BinaryMask;
import io.deocc.cli.CliHarness.Outcome;
import io.deocc.data.DatasetWriter;
import io.deocc.data.Sample;
import io.deocc.data.pose.PoseBankBuilder;
import io.deocc.data.pose.SyntheticPeople;
import io.deocc.mask.pose.PoseMaskBank;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoseBankCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheBankTheLibraryBuildsAndSaysSoOnOneLine() throws IOException {
        Path file = dir.resolve("banks/small.txt");

        Outcome outcome = run(dir, "pose-bank", "--k", "4", "--count", "24", "--seed", "7000000", "--size", "16", "--scene-size", "64",
                "--iterations", "20", "--out", file.toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertEquals("", outcome.err(), "no progress bar unless asked for or on a terminal");
        assertEquals(1, outcome.out().lines().count(), outcome.out());
        assertTrue(outcome.out().contains("4 pose masks of 16x16") && outcome.out().contains("seeds 7000000 to 7000023"), outcome.out());
        PoseMaskBank written = PoseMaskBank.load(file);
        PoseMaskBank expected = new PoseBankBuilder(4, 16, 20, 7_000_000).build(new SyntheticPeople(7_000_000, 24, 64));
        assertEquals(expected, written);
        assertArrayEquals(expected.toText().getBytes(java.nio.charset.StandardCharsets.UTF_8), Files.readAllBytes(file));
    }

    @Test
    void clustersTheAmodalMasksOfADatasetFolder() {
        Path data = dir.resolve("data");
        List<BinaryMask> amodal = new ArrayList<>();
        try (DatasetWriter writer = DatasetWriter.create(data, false)) {
            for (long seed = 7_100_000; seed < 7_100_012; seed++) {
                Scene scene = SyntheticScenes.occludedPerson(seed, 64, 64);
                amodal.add(scene.amodal());
                writer.write(new Sample("s" + seed, scene.image(), scene.visible(), scene.amodal(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
        Path file = dir.resolve("dataset-bank.txt");

        Outcome outcome = run(dir, "pose-bank", "--dataset", data.toString(), "--k", "3", "--size", "8", "--iterations", "10", "--count", "10",
                "--out", file.toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.out().contains("3 pose masks of 8x8") && outcome.out().contains("dataset"), outcome.out());
        PoseMaskBank written = PoseMaskBank.load(file);
        // --count 10 takes the first ten samples, in manifest order
        PoseMaskBank expected = new PoseBankBuilder(3, 8, 10, SyntheticPeople.SHIPPED_FIRST_SEED).build(amodal.subList(0, 10), "x");
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(expected.values(k), written.values(k), 0f, "centre " + k);
        }
        assertTrue(written.recipe().contains("of 10 amodal masks from dataset"), written.recipe());

        Outcome sceneSize = run(dir, "pose-bank", "--dataset", data.toString(), "--scene-size", "64", "--k", "3", "--out", file.toString());
        assertEquals(Main.EXIT_BAD_INPUT, sceneSize.exitCode(), sceneSize::toString);
        assertTrue(sceneSize.err().contains("--scene-size"), sceneSize.err());
    }

    @Test
    void progressGoesToStderrAndEndsWithTheClusteringStep() {
        Path file = dir.resolve("bank.txt");

        Outcome outcome = run(dir, "pose-bank", "--k", "2", "--count", "10", "--size", "8", "--scene-size", "48", "--iterations", "5",
                "--out", file.toString(), "--progress");

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.err().contains("10/10") && outcome.err().contains("clustering"), outcome.err());
        assertFalse(outcome.out().contains("clustering"), "progress must not reach stdout: " + outcome.out());
        assertEquals(2, PoseMaskBank.load(file).count());
    }

    @Test
    void moreCentresThanPeopleIsABadInputNamingTheLimit() {
        Path file = dir.resolve("bank.txt");

        Outcome outcome = run(dir, "pose-bank", "--k", "12", "--count", "10", "--out", file.toString());

        assertEquals(Main.EXIT_BAD_INPUT, outcome.exitCode(), outcome::toString);
        assertEquals(1, outcome.errLines().size(), outcome.err());
        assertTrue(outcome.err().startsWith("deocc: ") && outcome.err().contains("at most 10"), outcome.err());
        assertFalse(Files.exists(file), "nothing is written on bad input");
    }

    @Test
    void outOfRangeSettingsAreBadInputsNamingTheRange() {
        String out = dir.resolve("bank.txt").toString();
        String[][] cases = {
            {"--k", "0", "--count", "10", "1 to 4096"},
            {"--size", "200", "--count", "10", "4 to 128"},
            {"--count", "0", "--k", "1", "1 to 50000"},
            {"--scene-size", "8", "--count", "10", "32 to 1024"},
            {"--iterations", "0", "--count", "10", "1 to 10000"}};
        for (String[] c : cases) {
            Outcome outcome = run(dir, "pose-bank", c[0], c[1], c[2], c[3], "--out", out);
            assertEquals(Main.EXIT_BAD_INPUT, outcome.exitCode(), outcome::toString);
            assertEquals(1, outcome.errLines().size(), outcome.err());
            assertTrue(outcome.err().contains(c[4]), "the message names the allowed range '" + c[4] + "': " + outcome.err());
        }
        assertFalse(Files.exists(dir.resolve("bank.txt")));
    }

    @Test
    void refusesAFolderAsOutputAndRequiresOut() {
        Outcome folder = run(dir, "pose-bank", "--k", "2", "--count", "4", "--out", dir.toString());
        assertEquals(Main.EXIT_BAD_INPUT, folder.exitCode(), folder::toString);
        assertTrue(folder.err().contains("is a folder"), folder.err());

        Outcome missing = run(dir, "pose-bank", "--k", "2");
        assertEquals(Main.EXIT_BAD_INPUT, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("--out"), missing.err());
    }
}
