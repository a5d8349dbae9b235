package io.deocc.engine.djl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Stage;
import io.deocc.data.SampleSource;
import io.deocc.data.SynthPreset;
import io.deocc.data.SynthSet;
import io.deocc.engine.djl.Networks;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mask training on real libtorch, tiny: a depth-2, width-1 U-Net at 64 px, batch 4. */
class TrainingTest {
    private static final int SIZE = 64;

    private static TrainingConfig tiny(long steps) {
        return TrainingConfig.defaults(Stage.MASK_COMPLETION).withBackbone("unet", new BackboneSpec(4, 1, 2, 1)).withInputSize(SIZE)
                .withBatchSize(4).withLearningRate(1e-2).withSteps(steps).withSeed(42).withCheckpointEvery(0)
                .withValidateEvery(0).withThreads(2);
    }

    private static SampleSource trainSource() {
        return SynthSet.of(SynthPreset.TRAIN).withSize(SIZE).source();
    }

    private static SampleSource validationSource() {
        return SynthSet.of(SynthPreset.BENCH_MASK).withSize(SIZE).withCount(6).source();
    }

    @Test
    void lossFallsCheckpointIsWrittenAndLoads(@TempDir Path dir) {
        List<Double> losses = new ArrayList<>();
        List<Long> checkpointSteps = new ArrayList<>();
        TrainingResult result;
        try (Training training = Training.create(tiny(30).withCheckpointEvery(20))) {
            result = training.run(trainSource(), Optional.empty(), dir, new TrainingListener() {
                @Override
                public void onStep(TrainingProgress progress) {
                    assertEquals(losses.size() + 1, progress.step());
                    losses.add(progress.loss());
                }

                @Override
                public void onCheckpoint(long step, Path cardFile) {
                    checkpointSteps.add(step);
                }
            });
        }
        assertEquals(30, losses.size());
        assertEquals(30, result.finalStep());
        double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(25, 30).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < 0.8 * first, "mean loss of the first 5 steps " + first + ", of the last 5 " + last + ": " + losses);
        // every 20 steps, and once more at the end
        assertEquals(List.of(20L, 30L), checkpointSteps);
        Path card = result.lastCheckpoint().orElseThrow();
        assertEquals(dir.resolve("mask-000030.card.json"), card);
        assertTrue(Files.isRegularFile(dir.resolve("mask-000020.card.json")));
        Networks engine = Networks.load(2);
        try (NDManager manager = engine.newManager()) {
            LoadedModel loaded = ModelFiles.load(card, "unet", engine.backbones(), manager);
            ModelCard read = loaded.card();
            assertEquals(Stage.MASK_COMPLETION, read.stage());
            assertEquals(SIZE, read.inputSize());
            assertEquals(2, read.classes());
            assertEquals(new BackboneSpec(4, 1, 2, 1), read.spec());
            assertEquals(30L, read.trainingRecipe().get(Training.STEP_KEY));
            assertEquals(4L, read.trainingRecipe().get("batch"));
            assertEquals(42L, read.trainingRecipe().get("seed"));
            assertEquals("train", read.trainingRecipe().get("preset"));
        }
    }

    @Test
    void resumeContinuesAtTheSavedStep(@TempDir Path dir) {
        Path card;
        double savedIou;
        try (Training training = Training.create(tiny(3))) {
            card = training.run(trainSource(), Optional.empty(), dir, TrainingListener.NONE).lastCheckpoint().orElseThrow();
            savedIou = training.validate(validationSource());
        }
        List<Long> steps = new ArrayList<>();
        try (Training resumed = Training.resume(card, tiny(5))) {
            assertEquals(3, resumed.step());
            // the saved weights (running statistics included) are back: inference scores exactly as before
            assertEquals(savedIou, resumed.validate(validationSource()));
            TrainingResult result = resumed.run(trainSource(), Optional.empty(), dir,
                    progress -> steps.add(progress.step()));
            assertEquals(5, result.finalStep());
            assertTrue(Double.isFinite(result.lastLoss()));
        }
        assertEquals(List.of(4L, 5L), steps);
        assertTrue(Files.isRegularFile(dir.resolve("mask-000005.card.json")));
    }

    @Test
    void resumeRejectsACardForAnotherNetwork(@TempDir Path dir) {
        Path card;
        try (Training training = Training.create(tiny(1))) {
            card = training.checkpoint(dir);
        }
        TrainingConfig wider = tiny(2).withBackbone("unet", new BackboneSpec(4, 1, 2, 2));
        DeoccException e = assertThrows(DeoccException.class, () -> Training.resume(card, wider));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
    }

    @Test
    void validationGivesAnIouInTheUnitRange(@TempDir Path dir) {
        List<Double> reported = new ArrayList<>();
        try (Training training = Training.create(tiny(4).withValidateEvery(2))) {
            double before = training.validate(validationSource());
            assertTrue(before >= 0 && before <= 1, "IoU " + before);
            TrainingResult result = training.run(trainSource(), Optional.of(validationSource()), dir,
                    new TrainingListener() {
                        @Override
                        public void onStep(TrainingProgress progress) {
                        }

                        @Override
                        public void onValidation(long step, double metric) {
                            reported.add(metric);
                        }
                    });
            assertEquals(2, reported.size());
            for (double iou : reported) {
                assertTrue(iou >= 0 && iou <= 1, "IoU " + iou);
            }
            assertEquals(reported.get(1), result.lastValidation().orElseThrow());
            ModelCard card = ModelCard.read(result.lastCheckpoint().orElseThrow());
            assertEquals(reported.get(1), card.benchMetrics().get(training.metricName()));
        }
    }

    @Test
    void badParametersNameTheRange() {
        DeoccException batch = assertThrows(DeoccException.class, () -> tiny(1).withBatchSize(0));
        assertTrue(batch.getMessage().contains("batch size 0") && batch.getMessage().contains("1 to "), batch.getMessage());
        DeoccException zeroRate = assertThrows(DeoccException.class, () -> tiny(1).withLearningRate(0));
        assertTrue(zeroRate.getMessage().contains("above 0"), zeroRate.getMessage());
        assertThrows(DeoccException.class, () -> tiny(1).withLearningRate(-1e-3));
        DeoccException size = assertThrows(DeoccException.class, () -> Training.create(tiny(1).withInputSize(66)));
        assertEquals(ErrorCode.SIZE_MISMATCH, size.errorCode());
        assertTrue(size.getMessage().contains("66") && size.getMessage().contains("multiple of 4"), size.getMessage());
        DeoccException channels = assertThrows(DeoccException.class,
                () -> Training.create(tiny(1).withBackbone("unet", new BackboneSpec(3, 1, 2, 1))));
        assertEquals(ErrorCode.INVALID_ARGUMENT, channels.errorCode());
        DeoccException unknown = assertThrows(DeoccException.class,
                () -> Training.create(tiny(1).withBackbone("nope", new BackboneSpec(4, 1, 2, 1))));
        assertEquals(ErrorCode.UNKNOWN_COMPONENT, unknown.errorCode());
        DeoccException warmUp = assertThrows(DeoccException.class, () -> tiny(1).withWarmUpSteps(-1));
        assertTrue(warmUp.getMessage().contains("warm-up -1"), warmUp.getMessage());
        DeoccException clip = assertThrows(DeoccException.class, () -> tiny(1).withClipGradient(Double.NaN));
        assertTrue(clip.getMessage().contains("gradient clip NaN"), clip.getMessage());
        assertThrows(DeoccException.class, () -> tiny(1).withClipGradient(-1));
    }

    @Test
    void warmUpAndClippingReachTheOptimiserAndTheRecipe(@TempDir Path dir) {
        List<Double> plain = losses(dir.resolve("plain"), tiny(4));
        TrainingConfig gentle = tiny(4).withWarmUpSteps(3).withClipGradient(0.01);
        List<Double> warmed = losses(dir.resolve("warmed"), gentle);
        assertEquals(plain.get(0), warmed.get(0), "the first loss comes before any update");
        assertNotEquals(plain.subList(1, 4), warmed.subList(1, 4), "a rate starting at 0 and clipped gradients change the updates");
        warmed.forEach(loss -> assertTrue(Double.isFinite(loss), "finite losses: " + warmed));

        try (Training training = Training.create(gentle)) {
            ModelCard card = ModelCard.read(training.save(dir, "gentle"));
            assertEquals("3", String.valueOf(card.trainingRecipe().get("warm-up")));
            assertEquals("0.01", String.valueOf(card.trainingRecipe().get("clip")));
        }
        try (Training training = Training.create(tiny(1))) {
            ModelCard card = ModelCard.read(training.save(dir, "plain"));
            assertFalse(card.trainingRecipe().containsKey("warm-up") || card.trainingRecipe().containsKey("clip"),
                    "recipes without them stay as they were: " + card.trainingRecipe());
        }
    }

    @Test
    void theSameConfigRepeatsLossForLoss(@TempDir Path dir) {
        List<Double> first = losses(dir.resolve("a"));
        List<Double> second = losses(dir.resolve("b"));
        assertEquals(first, second, "same seed, same data, same thread count: the same run");
    }

    private static List<Double> losses(Path dir) {
        return losses(dir, tiny(4));
    }

    private static List<Double> losses(Path dir, TrainingConfig config) {
        List<Double> losses = new ArrayList<>();
        try (Training training = Training.create(config)) {
            training.run(trainSource(), Optional.empty(), dir, progress -> losses.add(progress.loss()));
        }
        return losses;
    }
}
