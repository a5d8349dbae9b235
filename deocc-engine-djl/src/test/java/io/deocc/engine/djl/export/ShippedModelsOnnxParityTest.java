package io.deocc.engine.djl.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deocc.engine.djl.Networks;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.engine.djl.export.OnnxParity.InputKind;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The models the project ships (repository folder {@code models/}), loaded from their cards, exported
 * with the card embedded, and run by ONNX Runtime at the card's input size: every output agrees with
 * libtorch within 1e-4 at batches 1 and 2. Trained weights and real batch-norm statistics, unlike the
 * random networks of {@link OnnxExportParityTest}.
 */
class ShippedModelsOnnxParityTest {
    private static final double TOLERANCE = 1e-4;
    private static final Path MODELS = Path.of("..", "models");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mask-stacked-unet", "segmenter-unet", "content-pconv-pga"})
    void onnxRuntimeAgreesWithLibtorchOnTheShippedModel(String name) throws Exception {
        Path cardFile = MODELS.resolve(name + ".card.json");
        assertTrue(Files.isRegularFile(cardFile), "the shipped model " + cardFile.toAbsolutePath() + " is missing");
        Networks networks = OnnxParity.networks();
        ModelCard card = ModelCard.read(cardFile);
        Backbone backbone = networks.backbones().get(card.backbone());
        Shape[] shapes = backbone.inputShapes(card.spec(), 1, card.inputSize(), card.inputSize());
        InputKind[] kinds = switch (card.backbone()) {
            case "stacked-unet" -> new InputKind[] {InputKind.IMAGE_AND_MASK};
            case "pconv-pga" -> new InputKind[] {InputKind.CONTENT, InputKind.ONE_HOT, InputKind.ONE_HOT};
            default -> new InputKind[] {InputKind.VALUES};
        };
        try (NDManager manager = networks.newManager()) {
            LoadedModel model = ModelFiles.load(cardFile, card.backbone(), networks.backbones(), manager);
            Path file = dir.resolve(name + ".onnx");
            OnnxExportSummary summary = OnnxExport.write(model, networks.backbones(), file, false);
            assertEquals(shapes.length, summary.inputs().size());

            Random random = new Random(41);
            for (long batch : new long[] {1, 2}) {
                List<float[]> inputs = OnnxParity.randomInputs(shapes, kinds, batch, random);
                List<float[]> expected = OnnxParity.djlForward(model.block(), manager, shapes, batch, inputs);
                List<float[]> actual = OnnxParity.ortForward(file, summary.inputs(), summary.outputs(), shapes, batch, inputs);
                assertEquals(expected.size(), actual.size(), "output count");
                for (int i = 0; i < expected.size(); i++) {
                    double diff = OnnxParity.maxAbsDiff(expected.get(i), actual.get(i));
                    assertTrue(diff <= TOLERANCE, name + " output " + summary.outputs().get(i) + " at batch " + batch
                            + ": max |DJL - ORT| = " + diff);
                }
            }
        }
    }
}
