package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.cli.CliHarness.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deocc export} on a one-step model: the ONNX file carries the card; bad arguments name the fix. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportsATrainedModelWithItsCard() throws IOException {
        Path models = dir.resolve("models");
        Outcome trained = run(dir, "train", "mask", "--backbone", "unet", "--depth", "2", "--width", "1", "--size", "64",
                "--batch", "2", "--steps", "1", "--scene-size", "64", "--validation", "none", "--threads", "2",
                "--name", "tiny", "-o", models.toString());
        assertEquals(0, trained.exitCode(), trained::toString);

        // the folder form: models/ holds one card (the checkpoints are in a subfolder)
        Path onnx = dir.resolve("export").resolve("tiny.onnx");
        Outcome exported = run(dir, "export", "--model", models.toString(), "-o", onnx.toString());
        assertEquals(0, exported.exitCode(), exported::toString);
        assertTrue(exported.out().contains("opset 17") && exported.out().contains("tiny.card.json"), exported::toString);
        byte[] bytes = Files.readAllBytes(onnx);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("deocc.model-card") && text.contains("\"backbone\""), "the card travels inside the file");
        assertTrue(bytes.length > Files.size(models.resolve("tiny.params")) / 2, "the weights are in the file: " + bytes.length + " bytes");
    }

    @Test
    void badArgumentsFailBeforeAnythingIsWritten() throws IOException {
        Path out = dir.resolve("x.onnx");
        Outcome format = run(dir, "export", "--model", dir.toString(), "--format", "tflite", "-o", out.toString());
        assertEquals(1, format.exitCode(), format::toString);
        assertTrue(format.err().contains("--format 'tflite'") && format.err().contains("--format onnx"), format::toString);

        Outcome missing = run(dir, "export", "--model", dir.resolve("nope.card.json").toString(), "-o", out.toString());
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("nope.card.json") && missing.err().contains("does not exist"), missing::toString);

        Files.writeString(dir.resolve("a.card.json"), "{}");
        Files.writeString(dir.resolve("b.card.json"), "{}");
        Outcome two = run(dir, "export", "--model", dir.toString(), "-o", out.toString());
        assertEquals(1, two.exitCode(), two::toString);
        assertTrue(two.err().contains("holds 2 model cards") && two.err().contains("a.card.json"), two::toString);

        Outcome broken = run(dir, "export", "--model", dir.resolve("a.card.json").toString(), "-o", out.toString());
        assertEquals(1, broken.exitCode(), broken::toString);
        assertFalse(Files.exists(out), "nothing written on bad input");
    }
}
