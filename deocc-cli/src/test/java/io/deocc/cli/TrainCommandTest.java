package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.cli.CliHarness.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deocc train} on real libtorch with a recipe small enough for CI: a few steps of a tiny network
 * on 64-pixel synthetic scenes. The model it writes must then drive {@code deocc run}.
 */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void aShortRecipeWritesAModelThatRunDrives() {
        Path models = dir.resolve("models");
        Outcome trained = run(dir, "train", "mask", "--backbone", "unet", "--depth", "2", "--width", "1", "--size", "64",
                "--batch", "2", "--steps", "3", "--scene-size", "64", "--validation", "bench-mask", "--validation-count", "2",
                "--threads", "2", "--name", "tiny", "-o", models.toString());
        assertEquals(0, trained.exitCode(), trained::toString);
        Path card = models.resolve("tiny.card.json");
        assertTrue(Files.isRegularFile(card), trained::toString);
        assertTrue(Files.isRegularFile(models.resolve("tiny.params")), trained::toString);
        assertTrue(trained.out().contains("trained unet to step 3"), trained::toString);
        assertTrue(trained.err().contains("validation-amodal-miou"), trained::toString);
        assertTrue(Files.isRegularFile(models.resolve("checkpoints").resolve("tiny-000003.card.json")), trained::toString);

        Path[] scene = CliHarness.writeScene(CliHarness.scene(3), dir, "scene");
        Outcome ran = run(dir, "run", scene[0].toString(), "--masks", scene[1].toString(), "--completer", "djl-mask",
                "--set", "mask-completer.model=" + card, "--set", "mask-completer.threads=2", "-o", dir.resolve("out").toString());
        assertEquals(0, ran.exitCode(), ran::toString);
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("person-1").resolve("amodal.png")), ran::toString);
    }

    @Test
    void runWithoutMasksFindsPeopleWithTheShippedSegmenter() throws java.io.IOException {
        Path models = dir.resolve("models");
        // a one-step segmenter under the shipped name stands in for models/segmenter-unet.card.json
        Outcome trained = run(dir, "train", "segmenter", "--backbone", "unet", "--depth", "2", "--width", "1", "--size", "64",
                "--batch", "2", "--steps", "1", "--scene-size", "64", "--validation", "none", "--threads", "2",
                "--name", "segmenter-unet", "-o", models.toString());
        assertEquals(0, trained.exitCode(), trained::toString);
        Path[] scene = CliHarness.writeScene(CliHarness.scene(5), dir, "scene");
        System.setProperty("deocc.models", models.toString());
        try {
            Outcome ran = run(dir, "run", scene[0].toString(), "--completer", "reference", "--recoverer", "reference",
                    "-o", dir.resolve("found").toString());
            assertEquals(0, ran.exitCode(), ran::toString);
            com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(dir.resolve("found").resolve("summary.json").toFile());
            assertEquals("djl-segmenter", summary.path("components").path("segmenter").path("name").asText(), ran::toString);
        } finally {
            System.clearProperty("deocc.models");
        }
    }

    @Test
    void badStagesAndBackbonesAreRefusedNamingTheFix() {
        Outcome stage = run(dir, "train", "faces", "-o", dir.resolve("m").toString());
        assertEquals(Main.EXIT_BAD_INPUT, stage.exitCode(), stage::toString);
        assertTrue(stage.err().contains("mask, content or segmenter"), stage::toString);
        Outcome backbone = run(dir, "train", "content", "--backbone", "stacked-unet", "--steps", "1", "-o", dir.resolve("m").toString());
        assertEquals(Main.EXIT_BAD_INPUT, backbone.exitCode(), backbone::toString);
        assertTrue(backbone.err().contains("completes masks"), backbone::toString);
        Outcome name = run(dir, "train", "mask", "--name", "../escape", "--steps", "1", "-o", dir.resolve("m").toString());
        assertEquals(Main.EXIT_BAD_INPUT, name.exitCode(), name::toString);
        assertTrue(name.err().contains("plain file name"), name::toString);
    }
}
