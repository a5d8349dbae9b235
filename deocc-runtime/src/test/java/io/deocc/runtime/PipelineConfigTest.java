package io.deocc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsLeaveEveryStageToTheRegistry() {
        PipelineConfig config = PipelineConfig.defaults();
        for (Stage stage : Stage.values()) {
            assertEquals(Optional.empty(), config.selection(stage).name());
        }
        assertEquals(50_000_000L, config.limits().maxImagePixels());
    }

    @Test
    void flatKeysSelectComponentsSettingsAndLimits() {
        PipelineConfig config = PipelineConfig.builder().putAll(Map.of(
                "mask-completer", "reference",
                "mask-completer.hidden-weight", "0.4",
                "segmenter", "mask-file",
                "limits.max-people", "3",
                "limits.max-image-pixels", "1_000_000",
                "limits.max-crop-pixels", "250000",
                "limits.item-timeout-seconds", "30")).build();
        assertEquals(Optional.of("reference"), config.selection(Stage.MASK_COMPLETION).name());
        assertEquals(Optional.of("0.4"), config.selection(Stage.MASK_COMPLETION).config().get("hidden-weight"));
        assertEquals(Optional.of("mask-file"), config.selection(Stage.SEGMENTATION).name());
        assertEquals(3, config.limits().maxPeople());
        assertEquals(1_000_000L, config.limits().maxImagePixels());
        assertEquals(250_000L, config.limits().maxCropPixels());
        assertEquals(java.time.Duration.ofSeconds(30), config.limits().itemTimeout());
        assertEquals(config, PipelineConfig.builder().putAll(config.toMap()).build(), "the flat form round-trips");
    }

    @Test
    void unknownKeysAndBadLimitsAreRefusedByName() {
        DeoccException unknown = assertThrows(DeoccException.class, () -> PipelineConfig.builder().put("mask-completor", "x"));
        assertEquals(ErrorCode.INVALID_CONFIG, unknown.errorCode());
        assertTrue(unknown.getMessage().contains("mask-completor"));
        DeoccException limit = assertThrows(DeoccException.class, () -> PipelineConfig.builder().put("limits.max-people", "lots"));
        assertTrue(limit.getMessage().contains("'lots'") && limit.getMessage().contains("limits.max-people"), limit.getMessage());
        assertThrows(DeoccException.class, () -> PipelineConfig.builder().put("limits.max-people", "0"));
        assertThrows(DeoccException.class, () -> PipelineConfig.builder().put("limits.fast", "1"));
        assertThrows(DeoccException.class, () -> PipelineConfig.builder().put("limits.item-timeout-seconds", "0"));
        assertThrows(DeoccException.class, () -> PipelineConfig.builder().put("limits.max-crop-pixels", "-5"));
        assertThrows(DeoccException.class, () -> PipelineConfig.builder().maskCompleter("Not Valid").build());
    }

    @Test
    void propertiesAndJsonFilesGiveTheSameConfig() throws Exception {
        Path properties = dir.resolve("pipeline.properties");
        Files.writeString(properties, """
                # the reference pipeline with a tighter limit
                mask-completer = reference
                mask-completer.hidden-weight = 0.4
                content-recoverer = reference
                limits.max-people = 8
                """);
        Path json = dir.resolve("pipeline.json");
        Files.writeString(json, """
                {"mask-completer": {"name": "reference", "config": {"hidden-weight": 0.4}},
                 "content-recoverer": "reference",
                 "limits": {"max-people": 8}}
                """);
        assertEquals(PipelineConfig.load(properties), PipelineConfig.load(json));
        assertEquals(8, PipelineConfig.load(json).limits().maxPeople());
    }

    @Test
    void badFilesAreReportedWithTheirName() throws Exception {
        DeoccException missing = assertThrows(DeoccException.class, () -> PipelineConfig.load(dir.resolve("nope.json")));
        assertEquals(ErrorCode.FILE_NOT_FOUND, missing.errorCode());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"mask-completer\": ");
        DeoccException invalid = assertThrows(DeoccException.class, () -> PipelineConfig.load(broken));
        assertEquals(ErrorCode.INVALID_CONFIG, invalid.errorCode());
        assertTrue(invalid.getMessage().contains("broken.json"));

        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "{\"a\":".repeat(100) + "1" + "}".repeat(100));
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> PipelineConfig.load(deep)).errorCode());

        Path array = dir.resolve("array.json");
        Files.writeString(array, "[1, 2]");
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> PipelineConfig.load(array)).errorCode());

        Path listValue = dir.resolve("list.json");
        Files.writeString(listValue, "{\"segmenter\": [\"a\"]}");
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> PipelineConfig.load(listValue)).errorCode());

        Path yaml = dir.resolve("pipeline.yaml");
        Files.writeString(yaml, "segmenter: x");
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> PipelineConfig.load(yaml)).errorCode());
    }
}
