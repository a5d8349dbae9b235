package io.deocc.engine.onnx.internal;

import static io.deocc.engine.onnx.internal.YoloTestModels.detections;
import static io.deocc.engine.onnx.internal.YoloTestModels.prototypes;
import static io.deocc.engine.onnx.internal.YoloTestModels.scene;
import static io.deocc.testkit.DeoccAssertions.assertDeoccError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.engine.onnx.internal.YoloTestModels.Output;
import io.deocc.model.ShippedModels;
import io.deocc.model.WeightsFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code onnx-yolo-segmenter} end to end: hand-built ONNX models of the YOLO signature (outputs are
 * constants, see {@link YoloTestModels#scene()}) through the factory and ONNX Runtime; and the failures
 * of models that do not fit, of files that are missing or altered, and of invalid settings.
 */
class YoloSegmenterTest {
    private static final YoloSegmenterFactory FACTORY = new YoloSegmenterFactory();

    @TempDir
    Path dir;

    private Path sceneModel() {
        return YoloTestModels.write(dir, "yolo-test.onnx", YoloTestModels.sceneModel());
    }

    private static ComponentConfig config(Path model, String... keysAndValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put(ShippedModels.MODEL_KEY, model.toString());
        settings.put(SessionSettings.THREADS_KEY, "1");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ComponentConfig.of(settings);
    }

    /** 128×64 with some texture; the test model's outputs do not depend on it. */
    static RgbImage landscape() {
        int[] pixels = new int[128 * 64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 128) * 2 << 16 | (i / 128) * 4 << 8 | (i * 7) % 256;
        }
        return RgbImage.of(128, 64, pixels);
    }

    @Test
    void findsThePeopleOfTheModelsOutputsInTheImage() {
        Path model = sceneModel();
        String hash = WeightsFiles.hash(YoloTestModels.sceneModel());
        try (Segmenter segmenter = FACTORY.create(config(model, "sha256", hash), PluginContext.defaults())) {
            assertEquals(YoloSegmenterFactory.NAME, segmenter.descriptor().name());
            assertEquals(YoloTestModels.SIZE, segmenter.descriptor().inputSize());
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(landscape()));
            // see YoloTestModels.scene(): anchors 0 and 2 are the people, the others are suppressed,
            // another class, below the threshold or without a mask
            assertEquals(2, people.size(), people.toString());
            List<Box> expected = List.of(new Box(16, 8, 32, 48), new Box(84, 12, 24, 40));
            for (int i = 0; i < 2; i++) {
                PersonInstance person = people.get(i);
                assertEquals(i + 1, person.id());
                assertEquals(expected.get(i), person.box());
                BinaryMask box = BinaryMask.ofBox(128, 64, expected.get(i));
                assertTrue(box.containsAll(person.visibleMask()), "person " + person.id() + "'s mask leaves its box");
                assertEquals(expected.get(i).area(), person.visibleMask().area(), "the prototypes cover the whole box");
            }
            assertEquals(0.9, people.get(0).score(), 1e-6);
            assertEquals(0.7, people.get(1).score(), 1e-6);
        }
    }

    @Test
    void aGraphWithAnOpenInputSizeTakesTheSetting() {
        byte[] open = YoloTestModels.model("pixels", new long[] {-1, 3, -1, -1},
                List.of(Output.of("protos", prototypes()), Output.of("preds", detections(scene()))));
        Path model = YoloTestModels.write(dir, "open.onnx", open);
        try (Segmenter segmenter = FACTORY.create(config(model, "input-size", "64"), PluginContext.defaults())) {
            assertEquals(64, segmenter.descriptor().inputSize());
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(landscape()));
            assertEquals(List.of(new Box(16, 8, 32, 48), new Box(84, 12, 24, 40)),
                    people.stream().map(PersonInstance::box).toList());
        }
    }

    @Test
    void settingsChangeWhatIsFound() {
        // person-class 1 finds the other class's anchors 3 and 5 (0.95 and 0.9); max-people 1 keeps the first
        try (Segmenter segmenter = FACTORY.create(config(sceneModel(), "person-class", "1", "max-people", "1"),
                PluginContext.defaults())) {
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(landscape()));
            assertEquals(1, people.size());
            assertEquals(0.95, people.get(0).score(), 1e-6);
        }
        // a score threshold of 0.8 leaves only anchor 0
        try (Segmenter segmenter = FACTORY.create(config(sceneModel(), "score-threshold", "0.8"), PluginContext.defaults())) {
            assertEquals(List.of(new Box(16, 8, 32, 48)),
                    segmenter.segment(SegmentationRequest.of(landscape())).stream().map(PersonInstance::box).toList());
        }
    }

    @Test
    void aWrongSha256IsModelInvalid() {
        String wrong = "0".repeat(64);
        String message = assertDeoccError(ErrorCode.MODEL_INVALID,
                () -> FACTORY.create(config(sceneModel(), "sha256", wrong), PluginContext.defaults()), "wrong sha256")
                .getMessage();
        assertTrue(message.contains(wrong) && message.contains(WeightsFiles.hash(YoloTestModels.sceneModel())), message);
    }

    @Test
    void aSha256ThatIsNotOneIsInvalidConfig() {
        String message = assertDeoccError(ErrorCode.INVALID_CONFIG,
                () -> FACTORY.create(config(sceneModel(), "sha256", "abc"), PluginContext.defaults()), "sha256 abc")
                .getMessage();
        assertTrue(message.contains("64 hexadecimal digits"), message);
    }

    @Test
    void aMissingFileIsFileNotFound() {
        Path missing = dir.resolve("yolov8n-seg.onnx");
        String message = assertDeoccError(ErrorCode.FILE_NOT_FOUND,
                () -> FACTORY.create(config(missing), PluginContext.defaults()), "a missing model").getMessage();
        assertTrue(message.contains(missing.toString()), message);
    }

    @Test
    void noModelSettingIsInvalidConfig() {
        String message = assertDeoccError(ErrorCode.INVALID_CONFIG,
                () -> FACTORY.create(ComponentConfig.empty(), PluginContext.defaults()), "no model").getMessage();
        assertTrue(message.contains("'model'"), message);
        assertTrue(FACTORY.defaultPriority() < 0, "without a model path the segmenter must not be a default");
    }

    @Test
    void aFileThatIsNotOnnxIsModelInvalid() {
        Path text = YoloTestModels.write(dir, "notes.onnx", "not a model".getBytes(StandardCharsets.UTF_8));
        assertDeoccError(ErrorCode.MODEL_INVALID, () -> FACTORY.create(config(text), PluginContext.defaults()), "text");
    }

    @Test
    void signaturesThatAreNotYoloSegmentationAreModelInvalidWithBothSignatures() {
        long[] image = {-1, 3, 64, 64};
        FloatTensor noClasses = FloatTensor.of(new float[6 * 3], 1, 6, 3); // 4 + 0 + 2
        Map<String, byte[]> models = Map.of(
                "one output (a detector without masks)", YoloTestModels.model("images", image,
                        List.of(Output.of("output0", detections(scene())))),
                "two rank-3 outputs", YoloTestModels.model("images", image,
                        List.of(Output.of("output0", detections(scene())), Output.of("output1", detections(scene())))),
                "no class scores beside the mask coefficients", YoloTestModels.model("images", image,
                        List.of(Output.of("output0", noClasses), Output.of("output1", prototypes()))),
                "a 4-channel input", YoloTestModels.model("images", new long[] {-1, 4, 64, 64},
                        List.of(Output.of("output0", detections(scene())), Output.of("output1", prototypes()))),
                "a non-square input", YoloTestModels.model("images", new long[] {-1, 3, 64, 32},
                        List.of(Output.of("output0", detections(scene())), Output.of("output1", prototypes()))));
        for (Map.Entry<String, byte[]> entry : models.entrySet()) {
            Path model = YoloTestModels.write(dir, "wrong.onnx", entry.getValue());
            String message = assertDeoccError(ErrorCode.MODEL_INVALID,
                    () -> FACTORY.create(config(model), PluginContext.defaults()), entry.getKey()).getMessage();
            GraphSignature actual = GraphSignature.read(entry.getValue(), model.toString());
            assertTrue(message.contains("detections float32[N,4+C+M,A]"), entry.getKey() + ": " + message);
            assertTrue(message.contains(actual.describe()), entry.getKey() + ": " + message);
        }
    }

    @Test
    void aPersonClassTheModelDoesNotScoreIsModelInvalid() {
        String message = assertDeoccError(ErrorCode.MODEL_INVALID,
                () -> FACTORY.create(config(sceneModel(), "person-class", "2"), PluginContext.defaults()), "class 2")
                .getMessage();
        assertTrue(message.contains("scores 2 classes") && message.contains("give 0 to 1"), message);
    }

    @Test
    void anInputSizeAgainstAFixedInputIsInvalidConfig() {
        String message = assertDeoccError(ErrorCode.INVALID_CONFIG,
                () -> FACTORY.create(config(sceneModel(), "input-size", "640"), PluginContext.defaults()), "input-size 640")
                .getMessage();
        assertTrue(message.contains("fixed 64x64"), message);
    }

    @Test
    void invalidSettingsAreInvalidConfigBeforeTheModelIsRead() {
        Path missing = dir.resolve("absent.onnx");
        Map<String, String> invalid = Map.of(
                "score-threshold", "1.5",
                "iou-threshold", "-0.1",
                "mask-threshold", "half",
                "min-area", "2",
                "person-class", "-1",
                "max-people", Integer.toString(ResourceLimits.DEFAULT_MAX_PEOPLE + 1),
                "input-size", "8",
                "no-such-setting", "1");
        for (Map.Entry<String, String> setting : invalid.entrySet()) {
            String message = assertDeoccError(ErrorCode.INVALID_CONFIG,
                    () -> FACTORY.create(config(missing, setting.getKey(), setting.getValue()), PluginContext.defaults()),
                    setting.getKey() + "=" + setting.getValue()).getMessage();
            assertTrue(message.contains("'" + setting.getKey() + "'"), message);
        }
    }

    @Test
    void maxPeopleFollowsTheContextsLimit() {
        PluginContext three = PluginContext.of(ResourceLimits.defaults().withMaxPeople(3));
        assertDeoccError(ErrorCode.INVALID_CONFIG,
                () -> FACTORY.create(config(sceneModel(), "max-people", "4"), three), "max-people 4 over a limit of 3");
    }
}
