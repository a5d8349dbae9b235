package io.deocc.engine.djl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.network.Normalisation;
import io.deocc.api.spi.Stage;
import io.deocc.engine.djl.Networks;
import io.deocc.engine.djl.export.OnnxExport;
import io.deocc.model.BackboneSpec;
import io.deocc.model.ModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A native model exported with {@code keepParameters} loads back into the DJL engine from the ONNX file
 * alone, bit for bit: what lets the shipped models be one ONNX file for both engines.
 */
class OnnxParametersTest {
    private static final int SIZE = 32;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unet,MASK_COMPLETION,4,1,2", "stacked-unet,MASK_COMPLETION,4,2,2", "pconv-pga,CONTENT_RECOVERY,5,3,1",
            "resnet-unet,MASK_COMPLETION,4,1,2"})
    void everyParameterComesBackUnchanged(String backbone, Stage stage, int in, int out, int depth) {
        Networks networks = Networks.load(2);
        BackboneSpec spec = new BackboneSpec(in, out, depth, 1);
        Path params = save(networks, backbone, stage, spec);
        try (NDManager manager = networks.newManager()) {
            LoadedModel original = ModelFiles.load(params, backbone, networks.backbones(), manager);
            Path onnxCard = OnnxExport.write(original, networks.backbones(), dir.resolve("net.onnx"), true).card().orElseThrow();
            ModelCard card = ModelCard.read(onnxCard);
            assertEquals("net.onnx", card.weightsFile());
            assertEquals(ModelCard.read(params).trainingRecipe(), card.trainingRecipe(), "the card travels unchanged");

            LoadedModel reloaded = ModelFiles.load(onnxCard, backbone, networks.backbones(), manager);
            List<Pair<String, Parameter>> expected = original.block().getParameters().stream().toList();
            List<Pair<String, Parameter>> actual = reloaded.block().getParameters().stream().toList();
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).getKey(), actual.get(i).getKey());
                assertArrayEquals(expected.get(i).getValue().getArray().toFloatArray(),
                        actual.get(i).getValue().getArray().toFloatArray(), 0f, expected.get(i).getKey());
            }
        }
    }

    @Test
    void aFoldedExportCannotBeLoadedAndSaysHowToExportInstead() {
        Networks networks = Networks.load(2);
        BackboneSpec spec = new BackboneSpec(4, 1, 2, 1);
        Path params = save(networks, "unet", Stage.MASK_COMPLETION, spec);
        try (NDManager manager = networks.newManager()) {
            LoadedModel original = ModelFiles.load(params, "unet", networks.backbones(), manager);
            Path onnxCard = OnnxExport.write(original, networks.backbones(), dir.resolve("folded.onnx"), false).card().orElseThrow();
            DeoccException e = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(onnxCard, "unet", networks.backbones(), manager));
            assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
            assertTrue(e.getMessage().contains("--keep-parameters"), e.getMessage());
        }
    }

    @Test
    void aChangedOnnxFileFailsItsHashBeforeAnythingIsRead() throws Exception {
        Networks networks = Networks.load(2);
        Path params = save(networks, "unet", Stage.MASK_COMPLETION, new BackboneSpec(4, 1, 2, 1));
        try (NDManager manager = networks.newManager()) {
            LoadedModel original = ModelFiles.load(params, "unet", networks.backbones(), manager);
            Path file = dir.resolve("net.onnx");
            Path onnxCard = OnnxExport.write(original, networks.backbones(), file, true).card().orElseThrow();
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 1;
            Files.write(file, bytes);
            DeoccException e = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(onnxCard, "unet", networks.backbones(), manager));
            assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
            assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        }
    }

    private Path save(Networks networks, String backbone, Stage stage, BackboneSpec spec) {
        try (NDManager manager = networks.newManager()) {
            networks.seed(3);
            Block block = networks.build(backbone, spec);
            block.initialize(manager, DataType.FLOAT32, networks.backbones().get(backbone).inputShapes(spec, 1, SIZE, SIZE));
            ModelCard card = ModelCard.unsaved(stage, backbone, spec, SIZE, 2, Normalisation.UNIT, Map.of("steps", 0L),
                    Map.of(), "deocc test");
            ModelFiles.save(dir, "net-djl", block, card);
        }
        return dir.resolve("net-djl" + ModelCard.CARD_SUFFIX);
    }
}
