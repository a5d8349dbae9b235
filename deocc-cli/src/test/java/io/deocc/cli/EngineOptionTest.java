package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.cli.CliHarness.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine} with both engines installed and the repository's shipped models: auto picks ONNX
 * Runtime, {@code pytorch} and {@code onnx} pick their engine's component for the networks, a stage whose
 * default is pure Java keeps it, and an engine nobody provides is refused naming the installed ones.
 */
class EngineOptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void shippedModels() {
        System.setProperty("deocc.models", Path.of("..", "models").toAbsolutePath().normalize().toString());
    }

    @AfterAll
    static void forget() {
        System.clearProperty("deocc.models");
    }

    private JsonNode components(String... engine) throws IOException {
        Path[] scene = CliHarness.writeScene(CliHarness.scene(3), dir, "scene");
        Path out = dir.resolve("out-" + String.join("-", engine));
        String[] args = new String[6 + engine.length];
        System.arraycopy(new String[] {"run", scene[0].toString(), "--masks", scene[1].toString(), "-o", out.toString()}, 0,
                args, 0, 6);
        System.arraycopy(engine, 0, args, 6, engine.length);
        Outcome ran = run(dir, args);
        assertEquals(0, ran.exitCode(), ran::toString);
        return JSON.readTree(out.resolve("summary.json").toFile()).path("components");
    }

    @Test
    void autoPrefersOnnxRuntimeAndEachEngineCanBeChosen() throws IOException {
        assertEquals("onnx-mask", components().path("mask-completer").path("name").asText());
        assertEquals("onnx-mask", components("--engine", "onnx").path("mask-completer").path("name").asText());
        JsonNode pytorch = components("--engine", "pytorch");
        assertEquals("djl-mask", pytorch.path("mask-completer").path("name").asText());
        // the default recoverer is pure Java: no engine replaces it
        assertEquals("reference", pytorch.path("content-recoverer").path("name").asText());
        // a component named outright wins over --engine
        assertEquals("reference", components("--engine", "onnx", "--completer", "reference")
                .path("mask-completer").path("name").asText());
    }

    @Test
    void anEngineNobodyProvidesIsRefused() {
        Path[] scene = CliHarness.writeScene(CliHarness.scene(3), dir, "scene");
        Outcome ran = run(dir, "run", scene[0].toString(), "--masks", scene[1].toString(), "--engine", "tensorflow",
                "-o", dir.resolve("none").toString());
        assertEquals(Main.EXIT_BAD_INPUT, ran.exitCode(), ran::toString);
        assertTrue(ran.err().contains("[onnxruntime, pytorch]"), ran::toString);
    }

    @Test
    void pluginsShowsTheEngineServingEachStage() {
        Outcome listed = run(dir, "plugins");
        assertEquals(0, listed.exitCode(), listed::toString);
        assertTrue(listed.out().contains("default pipeline (--engine auto: onnxruntime):"), listed::toString);
        assertTrue(listed.out().contains("onnx-mask (engine onnxruntime)"), listed::toString);
        assertTrue(listed.out().contains("images without masks: onnx-segmenter (engine onnxruntime)"), listed::toString);
    }
}
