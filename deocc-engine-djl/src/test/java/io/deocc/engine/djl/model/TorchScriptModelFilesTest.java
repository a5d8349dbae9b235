package io.deocc.engine.djl.model;

import io.deocc.model.ModelCard;
import io.deocc.model.ModelSignature;
import io.deocc.model.TensorSignature;
import io.deocc.model.WeightsFiles;
import io.deocc.api.network.Normalisation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.io.AtomicFiles;
import io.deocc.api.spi.Stage;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.backbone.Backbones;
import io.deocc.engine.djl.internal.DjlEngine;
import io.deocc.engine.djl.internal.EngineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the TorchScript fixtures of {@code src/test/resources/io/deocc/engine/djl/model/torchscript}
 * (made by its {@code make_models.py} with torch 1.13) with DJL's libtorch 2.7.1.
 */
class TorchScriptModelFilesTest {
    private static final int SIZE = 16;
    private static final ModelSignature MASK_SIGNATURE = ModelSignature.of(
            new TensorSignature("image_and_visible", 4), new TensorSignature("amodal_logits", 1));
    private static final ExpectedModel UNET_OR_MASK_SCRIPT = ExpectedModel.nativeOrTorchScript("unet", MASK_SIGNATURE);

    // Expected outputs computed by PyTorch 1.13 (Debian's python3-torch) in make_models.py, which prints
    // them: the model run on the fixed input of testInput(channels), flat NCHW indices -> value, and the
    // sum of all outputs (accumulated in float64). Not produced by the Java code under test.
    private static final int[] MASK_INDICES = {0, 1, 17, 100, 255};
    private static final float[] MASK_VALUES = {0.41292575f, 0.41031078f, 0.31959522f, 0.29355606f, 0.36087731f};
    private static final double MASK_SUM = 81.26002772152424;
    private static final int[] CONTENT_INDICES = {0, 130, 383, 500, 767};
    private static final float[] CONTENT_VALUES = {-0.15727147f, -0.15001567f, -0.51261038f, -0.54530406f,
        -0.22183837f};
    private static final double CONTENT_SUM = -172.48099794710288;
    // float32 convolutions in another libtorch build may sum in another order
    private static final float TOLERANCE = 1e-5f;

    private final DjlEngine engine = DjlEngine.load(new EngineSettings(2));
    private final Backbones backbones = engine.backbones();

    @TempDir
    Path dir;

    @BeforeEach
    void copyFixtures() throws IOException {
        for (String name : List.of("mask", "content", "mismatch")) {
            copyResource(name + ".pt");
            copyResource(name + ModelFiles.CARD_SUFFIX);
        }
    }

    @Test
    void theMaskModelGivesPyTorchsOutputs() {
        try (NDManager manager = engine.newManager()) {
            LoadedModel model = ModelFiles.load(card("mask"), UNET_OR_MASK_SCRIPT, backbones, manager);
            assertTrue(model.card().isTorchScript());
            assertEquals(MASK_SIGNATURE, model.card().signature());
            float[] output = forward(model.block(), manager, testInput(4), new Shape(1, 1, SIZE, SIZE));
            assertValues(MASK_INDICES, MASK_VALUES, MASK_SUM, output);
        }
    }

    @Test
    void theBatchIsFree() {
        try (NDManager manager = engine.newManager()) {
            Block block = ModelFiles.load(card("mask"), UNET_OR_MASK_SCRIPT, backbones, manager).block();
            float[] one = testInput(4);
            float[] two = Arrays.copyOf(one, one.length * 2);
            System.arraycopy(one, 0, two, one.length, one.length);
            try (NDManager call = manager.newSubManager()) {
                NDArray y = block.forward(new ParameterStore(call, false),
                        new NDList(call.create(two, new Shape(2, 4, SIZE, SIZE))), false).singletonOrThrow();
                assertEquals(new Shape(2, 1, SIZE, SIZE), y.getShape());
                float[] out = y.toFloatArray();
                float[] first = Arrays.copyOfRange(out, 0, SIZE * SIZE);
                assertArrayEquals(first, Arrays.copyOfRange(out, SIZE * SIZE, 2 * SIZE * SIZE), "same input, same output");
                assertValues(MASK_INDICES, MASK_VALUES, MASK_SUM, first);
            }
        }
    }

    @Test
    void theContentModelGivesPyTorchsOutputsInMinusOneToOne() {
        try (NDManager manager = engine.newManager()) {
            LoadedModel model = ModelFiles.load(card("content"), ExpectedModel.anyTorchScript(), backbones, manager);
            assertEquals(Stage.CONTENT_RECOVERY, model.card().stage());
            float[] output = forward(model.block(), manager, testInput(5), new Shape(1, 3, SIZE, SIZE));
            assertValues(CONTENT_INDICES, CONTENT_VALUES, CONTENT_SUM, output);
            for (float value : output) {
                assertTrue(value >= -1 && value <= 1, "tanh output " + value);
            }
        }
    }

    @Test
    void askingForTheBackboneTorchscriptByNameTakesAnyTorchScriptCard() {
        try (NDManager manager = engine.newManager()) {
            LoadedModel model = ModelFiles.load(card("content"), ModelCard.TORCHSCRIPT, backbones, manager);
            assertEquals(5, model.card().signature().inputs().get(0).channels());
        }
    }

    @Test
    void aCallerThatTakesNoTorchScriptRefusesTheCard() {
        DeoccException e = assertLoadFails(card("mask"), ExpectedModel.nativeOnly("unet"), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("TorchScript"), e.getMessage());
        assertTrue(e.getMessage().contains("backbone 'unet' only"), e.getMessage());
        // the old entry point behaves the same
        try (NDManager manager = engine.newManager()) {
            DeoccException old = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(card("mask"), "unet", backbones, manager));
            assertEquals(ErrorCode.MODEL_INVALID, old.errorCode());
        }
    }

    @Test
    void aCallerNeedingAnotherSignatureNamesBoth() {
        ModelSignature twoOutputs = ModelSignature.of(List.of(new TensorSignature("image_and_visible", 4)),
                List.of(new TensorSignature("amodal_logits", 1), new TensorSignature("visible_logits", 1)));
        DeoccException e = assertLoadFails(card("mask"), ExpectedModel.nativeOrTorchScript("unet", twoOutputs),
                ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains(MASK_SIGNATURE.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(twoOutputs.toString()), e.getMessage());
    }

    @Test
    void aModelReturningOtherShapesThanItsCardFailsTheProbe() {
        try (NDManager manager = engine.newManager()) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(card("mismatch"), UNET_OR_MASK_SCRIPT, backbones, manager));
            assertEquals(ErrorCode.MODEL_INVALID, e.errorCode(), e.getMessage());
            assertTrue(e.getMessage().contains("declares 1 output [amodal_logits (1, 1, 16, 16)]"), e.getMessage());
            assertTrue(e.getMessage().contains("returned 1: [(1, 2, 16, 16)]"), e.getMessage());
            assertTrue(e.getMessage().contains("fix the card's 'signature'"), e.getMessage());
            assertEquals(0, manager.getManagedArrays().size(), "the probe's arrays are freed");
        }
    }

    @Test
    void aCardDeclaringInputsTheModelCannotTakeFailsTheProbe() {
        ModelCard card = ModelCard.read(card("mask"));
        ModelSignature threeChannels = ModelSignature.of(new TensorSignature("image", 3),
                new TensorSignature("amodal_logits", 1));
        // spec and signature change together: the card checks that they agree
        rewriteCard(card("mask"), new ModelCard(card.formatVersion(), card.stage(), card.backbone(),
                ModelCard.torchScriptSpec(threeChannels), card.inputSize(), card.classes(), card.normalisation(),
                card.trainingRecipe(), card.benchMetrics(), card.weightsFile(), card.weightsSha256(), card.createdBy(),
                threeChannels));
        DeoccException e = assertLoadFails(card("mask"), ExpectedModel.anyTorchScript(), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("fails on the inputs"), e.getMessage());
        assertTrue(e.getMessage().contains("image (1, 3, 16, 16)"), e.getMessage());
    }

    @Test
    void aChangedByteFailsTheHashCheck() throws IOException {
        Path weights = dir.resolve("mask.pt");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(weights, bytes);
        DeoccException e = assertLoadFails(card("mask"), UNET_OR_MASK_SCRIPT, ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("do not match the card's SHA-256"), e.getMessage());
    }

    @Test
    void aCorruptFileWithAMatchingHashFailsAndTheNextLoadStillWorks() throws IOException {
        Path weights = dir.resolve("mask.pt");
        byte[] garbage = new byte[4096];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(weights, garbage);
        rewriteCard(card("mask"), ModelCard.read(card("mask")).withWeights("mask.pt", WeightsFiles.hash(weights)));
        try (NDManager manager = engine.newManager()) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(card("mask"), UNET_OR_MASK_SCRIPT, backbones, manager));
            assertEquals(ErrorCode.MODEL_INVALID, e.errorCode(), e.getMessage());
            assertTrue(e.getMessage().contains("not a TorchScript archive"), e.getMessage());
            assertTrue(e.getMessage().contains("torch.jit.save"), e.getMessage());

            // libtorch's failure leaves the process usable: a good model loads and runs right after
            copyResource("mask.pt");
            copyResource("mask" + ModelFiles.CARD_SUFFIX);
            LoadedModel model = ModelFiles.load(card("mask"), UNET_OR_MASK_SCRIPT, backbones, manager);
            float[] output = forward(model.block(), manager, testInput(4), new Shape(1, 1, SIZE, SIZE));
            assertValues(MASK_INDICES, MASK_VALUES, MASK_SUM, output);
        }
    }

    @Test
    void aTruncatedFileWithAMatchingHashFails() throws IOException {
        Path weights = dir.resolve("content.pt");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length - 100));
        rewriteCard(card("content"), ModelCard.read(card("content")).withWeights("content.pt",
                WeightsFiles.hash(weights)));
        DeoccException e = assertLoadFails(card("content"), ExpectedModel.anyTorchScript(), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("content.pt"), e.getMessage());
    }

    @Test
    void aMissingFileIsFileNotFound() throws IOException {
        Files.delete(dir.resolve("mask.pt"));
        DeoccException e = assertLoadFails(card("mask"), UNET_OR_MASK_SCRIPT, ErrorCode.FILE_NOT_FOUND);
        assertTrue(e.getMessage().contains("mask.pt"), e.getMessage());
        assertLoadFails(dir.resolve("absent.card.json"), UNET_OR_MASK_SCRIPT, ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void writeTorchScriptCardDescribesAUsersFile() throws IOException {
        Path mine = dir.resolve("mine.pt");
        Files.copy(dir.resolve("mask.pt"), mine);
        ModelCard written = ModelFiles.writeTorchScriptCard(mine, ModelCard.unsavedTorchScript(Stage.MASK_COMPLETION,
                MASK_SIGNATURE, SIZE, 2, Normalisation.UNIT, Map.of(), Map.of(), "a user"));
        assertEquals("mine.pt", written.weightsFile());
        assertEquals(ModelCard.read(card("mask")).weightsSha256(), written.weightsSha256(), "same bytes, same hash");
        try (NDManager manager = engine.newManager()) {
            LoadedModel model = ModelFiles.load(dir.resolve("mine.card.json"), UNET_OR_MASK_SCRIPT, backbones, manager);
            assertEquals(written, model.card());
        }
        DeoccException notPt = assertThrows(DeoccException.class, () -> ModelFiles.writeTorchScriptCard(
                dir.resolve("mask.card.json"), written));
        assertEquals(ErrorCode.INVALID_ARGUMENT, notPt.errorCode());
    }

    @Test
    void nativeCardsStillLoadThroughTheExpectedModelOverload() {
        try (NDManager manager = engine.newManager()) {
            engine.seed(3);
            BackboneSpec spec = new BackboneSpec(4, 1, 2, 1);
            Block block = backbones.get("unet").build(spec);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4, SIZE, SIZE));
            ModelFiles.save(dir, "native", block, ModelCard.unsaved(Stage.MASK_COMPLETION, "unet", spec, SIZE, 2,
                    Normalisation.UNIT, Map.of(), Map.of(), "deocc test"));
            LoadedModel model = ModelFiles.load(card("native"), UNET_OR_MASK_SCRIPT, backbones, manager);
            assertEquals("unet", model.card().backbone());
            DeoccException other = assertThrows(DeoccException.class, () -> ModelFiles.load(card("native"),
                    ExpectedModel.nativeOrTorchScript("resnet-unet", MASK_SIGNATURE), backbones, manager));
            assertTrue(other.getMessage().contains("'resnet-unet'"), other.getMessage());
        }
    }

    /** Element i of the flat 1 × C × SIZE × SIZE input is (i · 37 mod 101) / 100, as in make_models.py. */
    private static float[] testInput(int channels) {
        float[] input = new float[channels * SIZE * SIZE];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i * 37 % 101) / 100f;
        }
        return input;
    }

    private static float[] forward(Block block, NDManager manager, float[] input, Shape expected) {
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(input, new Shape(1, input.length / (SIZE * SIZE), SIZE, SIZE));
            NDArray y = block.forward(new ParameterStore(call, false), new NDList(x), false).singletonOrThrow();
            assertEquals(expected, y.getShape());
            return y.toFloatArray();
        }
    }

    private static void assertValues(int[] indices, float[] values, double sum, float[] output) {
        for (int i = 0; i < indices.length; i++) {
            assertEquals(values[i], output[indices[i]], TOLERANCE, "output[" + indices[i] + "]");
        }
        double total = 0;
        for (float value : output) {
            total += value;
        }
        assertEquals(sum, total, output.length * (double) TOLERANCE, "sum of all outputs");
    }

    private DeoccException assertLoadFails(Path cardFile, ExpectedModel expected, ErrorCode code) {
        try (NDManager manager = engine.newManager()) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(cardFile, expected, backbones, manager));
            assertEquals(code, e.errorCode(), e.getMessage());
            return e;
        }
    }

    private Path card(String name) {
        return dir.resolve(name + ModelFiles.CARD_SUFFIX);
    }

    private static void rewriteCard(Path cardFile, ModelCard card) {
        AtomicFiles.writeString(cardFile, card.toJson());
    }

    private void copyResource(String name) throws IOException {
        try (InputStream in = TorchScriptModelFilesTest.class.getResourceAsStream("torchscript/" + name)) {
            assertTrue(in != null, "fixture " + name + " is on the test class path; run make_models.py");
            Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
