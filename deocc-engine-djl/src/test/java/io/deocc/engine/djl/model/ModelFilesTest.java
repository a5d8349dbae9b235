package io.deocc.engine.djl.model;

import io.deocc.model.ModelCard;
import io.deocc.model.WeightsFiles;
import io.deocc.api.network.Normalisation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    private static final int SIZE = 32;
    private static final BackboneSpec SPEC = new BackboneSpec(4, 1, 2, 1);
    private static final ModelCard CARD = ModelCard.unsaved(Stage.MASK_COMPLETION, "unet", SPEC, SIZE, 2,
            Normalisation.UNIT, Map.of("steps", 20, "data", Map.of("preset", "synthetic-small", "seed", 7)),
            Map.of("amodal-miou", 0.5), "deocc test");

    private final DjlEngine engine = DjlEngine.load(new EngineSettings(2));
    private final Backbones backbones = engine.backbones();

    @TempDir
    Path dir;

    @Test
    void saveThenLoadGivesTheSameOutputs() throws IOException {
        try (NDManager manager = engine.newManager()) {
            Block original = newBlock(manager, 7);
            float[] expected = forward(original, manager);
            ModelCard saved = ModelFiles.save(dir, "mask", original, CARD);

            Path weights = dir.resolve("mask.params");
            Path cardFile = dir.resolve("mask.card.json");
            assertEquals("mask.params", saved.weightsFile());
            assertEquals(sha256(Files.readAllBytes(weights)), saved.weightsSha256(), "the card holds the weights' hash");
            assertEquals(saved, ModelCard.read(cardFile));

            // another seed, so that matching outputs can only come from the loaded weights
            engine.seed(99);
            Block fresh = backbones.get("unet").build(SPEC);
            fresh.initialize(manager, DataType.FLOAT32, new Shape(1, 4, SIZE, SIZE));
            assertFalse(Arrays.equals(expected, forward(fresh, manager)), "differently seeded weights differ");

            LoadedModel loaded = ModelFiles.load(cardFile, "unet", backbones, manager);
            assertEquals(saved, loaded.card());
            assertArrayEquals(expected, forward(loaded.block(), manager));
        }
    }

    @Test
    void loadingKeepsOnlyTheParametersInTheManager() {
        Path cardFile = saveModel();
        try (NDManager manager = engine.newManager()) {
            LoadedModel loaded = ModelFiles.load(cardFile, "unet", backbones, manager);
            assertEquals(loaded.block().getParameters().size(), manager.getManagedArrays().size(),
                    "the arrays of the initial parameters are freed once the loaded ones replace them");
        }
    }

    @Test
    void aFlippedByteFailsTheHashCheck() throws IOException {
        Path cardFile = saveModel();
        Path weights = dir.resolve("mask.params");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(weights, bytes);
        DeoccException e = assertLoadFails(cardFile, ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("do not match the card's SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("re-export or re-download the pair"), e.getMessage());
        assertTrue(e.getMessage().contains(weights.getFileName().toString()), e.getMessage());
    }

    @Test
    void aTruncatedFileFailsTheHashCheck() throws IOException {
        Path cardFile = saveModel();
        Path weights = dir.resolve("mask.params");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
        DeoccException e = assertLoadFails(cardFile, ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void aTruncatedFileWithAMatchingHashFailsWhileReading() throws IOException {
        Path cardFile = saveModel();
        Path weights = dir.resolve("mask.params");
        byte[] bytes = Files.readAllBytes(weights);
        byte[] half = Arrays.copyOf(bytes, bytes.length / 2);
        Files.write(weights, half);
        rewriteCard(cardFile, ModelCard.read(cardFile).withWeights("mask.params", sha256(half)));
        try (NDManager manager = engine.newManager()) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(cardFile, "unet", backbones, manager));
            assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
            assertTrue(e.getMessage().contains("end before"), e.getMessage());
            assertEquals(0, manager.getManagedArrays().size(), "a failed load leaves no arrays behind");
            // and the process stays usable: the intact pair loads right after, into the same manager
            Files.write(weights, bytes);
            rewriteCard(cardFile, ModelCard.read(cardFile).withWeights("mask.params", sha256(bytes)));
            assertNotNull(ModelFiles.load(cardFile, "unet", backbones, manager));
        }
    }

    @Test
    void aRequestForAnotherBackboneNamesBoth() {
        Path cardFile = saveModel();
        try (NDManager manager = engine.newManager()) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(cardFile, "pconv-unet", backbones, manager));
            assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
            assertTrue(e.getMessage().contains("'unet'"), e.getMessage());
            assertTrue(e.getMessage().contains("'pconv-unet'"), e.getMessage());
        }
    }

    @Test
    void aCardNamingAnotherBackboneNamesBoth() {
        Path cardFile = saveModel();
        rewriteCard(cardFile, ModelCard.read(cardFile).withBackbone("resnet-unet"));
        DeoccException e = assertLoadFails(cardFile, ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("'resnet-unet'"), e.getMessage());
        assertTrue(e.getMessage().contains("'unet'"), e.getMessage());
        assertTrue(e.getMessage().contains(cardFile.toString()), e.getMessage());
    }

    @Test
    void aCardWithAnotherWidthFailsTheShapeCheck() {
        Path cardFile = saveModel();
        ModelCard wider = ModelCard.read(cardFile).withSpec(new BackboneSpec(4, 1, 2, 2));
        // the hash covers the weights only, so the edited card still passes the hash check
        rewriteCard(cardFile, wider.withWeights("mask.params", WeightsFiles.hash(dir.resolve("mask.params"))));
        DeoccException e = assertLoadFails(cardFile, ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
        assertTrue(e.getMessage().contains("width"), e.getMessage());
        assertTrue(e.getMessage().contains(cardFile.toString()), e.getMessage());
    }

    @Test
    void aCardWithAnotherDepthFailsWithModelInvalid() {
        Path cardFile = saveModel();
        rewriteCard(cardFile, ModelCard.read(cardFile).withSpec(new BackboneSpec(4, 1, 3, 1)));
        DeoccException e = assertLoadFails(cardFile, ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
    }

    @Test
    void anInputSizeTheBackboneCannotTakeIsRejected() {
        Path cardFile = saveModel();
        ModelCard card = ModelCard.read(cardFile);
        rewriteCard(cardFile, new ModelCard(card.formatVersion(), card.stage(), card.backbone(), card.spec(), 30,
                card.classes(), card.normalisation(), card.trainingRecipe(), card.benchMetrics(), card.weightsFile(),
                card.weightsSha256(), card.createdBy()));
        DeoccException e = assertLoadFails(cardFile, ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("'input-size' is 30"), e.getMessage());
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
    }

    @Test
    void missingFilesAreFileNotFound() throws IOException {
        Path cardFile = saveModel();
        Files.delete(dir.resolve("mask.params"));
        DeoccException weights = assertLoadFails(cardFile, ErrorCode.FILE_NOT_FOUND);
        assertTrue(weights.getMessage().contains("mask.params"), weights.getMessage());
        DeoccException card = assertLoadFails(dir.resolve("absent.card.json"), ErrorCode.FILE_NOT_FOUND);
        assertTrue(card.getMessage().contains("absent.card.json"), card.getMessage());
    }

    @Test
    void saveValidatesItsArguments() {
        try (NDManager manager = engine.newManager()) {
            Block block = newBlock(manager, 7);
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                    () -> ModelFiles.save(dir, "../escape", block, CARD)).errorCode());
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                    () -> ModelFiles.save(dir, "m", block, null)).errorCode());
            Block uninitialised = backbones.get("unet").build(SPEC);
            DeoccException e = assertThrows(DeoccException.class, () -> ModelFiles.save(dir, "m", uninitialised, CARD));
            assertTrue(e.getMessage().contains("not initialised"), e.getMessage());
        }
        assertEquals(List.of(), listDir(), "nothing is written for rejected arguments");
    }

    private List<Path> listDir() {
        try (var files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path saveModel() {
        try (NDManager manager = engine.newManager()) {
            ModelFiles.save(dir, "mask", newBlock(manager, 7), CARD);
        }
        return dir.resolve("mask.card.json");
    }

    private DeoccException assertLoadFails(Path cardFile, ErrorCode code) {
        try (NDManager manager = engine.newManager()) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> ModelFiles.load(cardFile, "unet", backbones, manager));
            assertEquals(code, e.errorCode(), e.getMessage());
            return e;
        }
    }

    private static void rewriteCard(Path cardFile, ModelCard card) {
        AtomicFiles.writeString(cardFile, card.toJson());
    }

    private Block newBlock(NDManager manager, int seed) {
        engine.seed(seed);
        Block block = backbones.get("unet").build(SPEC);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4, SIZE, SIZE));
        return block;
    }

    private static float[] forward(Block block, NDManager manager) {
        float[] input = new float[4 * SIZE * SIZE];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i * 37 % 101) / 100f;
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(input, new Shape(1, 4, SIZE, SIZE));
            NDArray y = block.forward(new ParameterStore(call, false), new NDList(x), false).singletonOrThrow();
            float[] out = y.toFloatArray();
            assertNotEquals(0, out.length);
            return out;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
