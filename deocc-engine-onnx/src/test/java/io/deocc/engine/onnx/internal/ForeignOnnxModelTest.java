package io.deocc.engine.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.network.Normalisation;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.engine.djl.Networks;
import io.deocc.engine.djl.export.OnnxExport;
import io.deocc.model.BackboneSpec;
import io.deocc.model.ModelCard;
import io.deocc.model.ModelSignature;
import io.deocc.model.TensorSignature;
import io.deocc.model.WeightsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign ONNX network — one deocc did not train, described only by a card with {@code "backbone":
 * "onnx"} and its signature — runs through the SPI; a card that does not describe the file fails with the
 * expected and the actual signature.
 */
class ForeignOnnxModelTest {
    private static final int SIZE = OnnxTestModels.INPUT_SIZE;
    private static final ModelSignature MASK_SIGNATURE = ModelSignature.of(new TensorSignature("input", 4),
            new TensorSignature("output", 1));

    @TempDir
    Path dir;

    /** A network as other software would export it: a random U-Net written as a bare graph (no card inside). */
    private Path foreignFile() {
        Networks networks = OnnxTestModels.networks();
        BackboneSpec spec = new BackboneSpec(4, 1, 2, 1);
        Path file = dir.resolve("foreign.onnx");
        try (NDManager manager = networks.newManager()) {
            networks.seed(11);
            Block block = networks.build("unet", spec);
            Shape shape = new Shape(1, 4, SIZE, SIZE);
            block.initialize(manager, DataType.FLOAT32, shape);
            OnnxExport.write(block, spec, new Shape[] {shape}, file);
        }
        return file;
    }

    private Path card(Path file, Stage stage, ModelSignature signature) throws Exception {
        ModelCard card = ModelCard.unsavedForeign(ModelCard.ONNX, stage, signature, SIZE, 2, Normalisation.UNIT,
                Map.of("source", "a foreign exporter"), Map.of(), "test").withWeights(file.getFileName().toString(),
                WeightsFiles.hash(file));
        Path cardFile = dir.resolve("foreign.card.json");
        Files.writeString(cardFile, card.toJson());
        return cardFile;
    }

    private static MaskCompleter create(Path card) {
        return new OnnxMaskCompleterFactory().create(OnnxContractTests.config(card), PluginContext.of(ResourceLimits.defaults()));
    }

    @Test
    void aForeignNetworkWithItsCardCompletesMasks() throws Exception {
        Path card = card(foreignFile(), Stage.MASK_COMPLETION, MASK_SIGNATURE);
        int[] pixels = new int[96 * 80];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37) & 0xFFFFFF;
        }
        RgbImage image = RgbImage.of(96, 80, pixels);
        BinaryMask visible = BinaryMask.fromIndex(96, 80, i -> i % 96 >= 30 && i % 96 < 50 && i / 96 >= 10 && i / 96 < 60);
        try (MaskCompleter completer = create(card)) {
            assertEquals("onnx", completer.descriptor().backbone());
            assertEquals(SIZE, completer.descriptor().inputSize());
            MaskCompletion masks = completer.complete(image, PersonInstance.of(1, visible));
            assertEquals(96, masks.amodal().width());
            assertTrue(masks.amodal().containsAll(visible), "amodal covers the visible mask");
            assertEquals(visible, masks.refinedVisible(), "a single-output network keeps the input mask");
        }
    }

    @Test
    void aCardWithOtherNamesFailsWithBothSignatures() throws Exception {
        Path card = card(foreignFile(), Stage.MASK_COMPLETION, ModelSignature.of(new TensorSignature("image", 4),
                new TensorSignature("logits", 1)));
        DeoccException e = assertThrows(DeoccException.class, () -> create(card));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("declares (input float32[?,4," + SIZE + "," + SIZE + "])"), e.getMessage());
        assertTrue(e.getMessage().contains("promises (image[4 channels]) -> (logits[1 channels])"), e.getMessage());
    }

    @Test
    void aCardWithOtherChannelsFailsWithBothSignatures() throws Exception {
        Path card = card(foreignFile(), Stage.MASK_COMPLETION, ModelSignature.of(new TensorSignature("input", 4),
                new TensorSignature("output", 2)));
        DeoccException e = assertThrows(DeoccException.class, () -> create(card));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("output[2 channels]"), e.getMessage());
        assertTrue(e.getMessage().contains("output float32[?,1,"), e.getMessage());
    }

    @Test
    void aSignatureTheStageCannotFeedIsRefused() throws Exception {
        Path card = card(foreignFile(), Stage.MASK_COMPLETION, ModelSignature.of(new TensorSignature("input", 3), new TensorSignature("output", 1)));
        DeoccException e = assertThrows(DeoccException.class, () -> create(card));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("one input of 4 channels"), e.getMessage());
    }

    @Test
    void aCardOfAnotherStageIsRefused() throws Exception {
        Path card = card(foreignFile(), Stage.SEGMENTATION, ModelSignature.of(new TensorSignature("input", 3),
                new TensorSignature("output", 1)));
        DeoccException e = assertThrows(DeoccException.class, () -> create(card));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("is for stage segmentation"), e.getMessage());
    }

    @Test
    void aChangedOrMissingFileIsRefusedBeforeOnnxRuntimeReadsIt() throws Exception {
        Path file = foreignFile();
        Path card = card(file, Stage.MASK_COMPLETION, MASK_SIGNATURE);
        Files.write(file, new byte[] {1, 2, 3});
        DeoccException changed = assertThrows(DeoccException.class, () -> create(card));
        assertEquals(ErrorCode.MODEL_INVALID, changed.errorCode());
        assertTrue(changed.getMessage().contains("SHA-256"), changed.getMessage());
        Files.delete(file);
        assertEquals(ErrorCode.FILE_NOT_FOUND, assertThrows(DeoccException.class, () -> create(card)).errorCode());
    }

    @Test
    void aNativeCardOfDjlParametersAsksForAnExport() throws Exception {
        Path djlCard = OnnxTestModels.saveRandom(dir, "native", Stage.MASK_COMPLETION, "unet", new BackboneSpec(4, 1, 2, 1));
        DeoccException e = assertThrows(DeoccException.class, () -> create(djlCard));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("deocc export"), e.getMessage());
    }

    @Test
    void bytesThatAreNotOnnxAreRefusedClearly() throws Exception {
        Path file = dir.resolve("junk.onnx");
        Files.write(file, "not a model".getBytes());
        ModelCard card = ModelCard.unsavedForeign(ModelCard.ONNX, Stage.MASK_COMPLETION, MASK_SIGNATURE, SIZE, 2,
                Normalisation.UNIT, Map.of(), Map.of(), "test").withWeights("junk.onnx", WeightsFiles.hash(file));
        Path cardFile = dir.resolve("junk.card.json");
        Files.writeString(cardFile, card.toJson());
        DeoccException e = assertThrows(DeoccException.class, () -> create(cardFile));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("ONNX"), e.getMessage());
    }
}
