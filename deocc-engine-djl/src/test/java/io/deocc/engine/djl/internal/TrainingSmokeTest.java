package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.deocc.engine.djl.backbone.BackboneSpec;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Adam on a sigmoid BCE loss fits a tiny fixed batch: RGB + visible mask in, amodal mask out. */
class TrainingSmokeTest {
    private static final int SIZE = 64;
    private static final int STEPS = 20;

    @Test
    void lossFallsOnATinySyntheticBatch() {
        DjlEngine engine = TestEngine.get();
        List<Scene> scenes = SyntheticScenes.occludedPeople(2024L, 4, SIZE, SIZE);
        engine.seed(42);
        try (Model model = Model.newInstance("unet-smoke", Device.cpu(), DjlEngine.ENGINE_NAME)) {
            model.setBlock(new UNetBackbone().build(new BackboneSpec(4, 1, 3, 1)));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(scenes.size(), 4, SIZE, SIZE));
                List<Float> losses = new ArrayList<>();
                for (int step = 0; step <= STEPS; step++) {
                    losses.add(trainStep(trainer, scenes));
                }
                int before = trainer.getManager().getManagedArrays().size();
                trainStep(trainer, scenes);
                assertEquals(before, trainer.getManager().getManagedArrays().size(), "a step leaves no arrays behind");
                for (float loss : losses) {
                    assertTrue(Float.isFinite(loss), "loss " + losses);
                }
                // twenty Adam steps on four fixed samples must cut the loss clearly, not just wobble below the start
                float first = losses.get(0);
                float last = losses.get(STEPS);
                assertTrue(last < 0.8f * first, "loss went from " + first + " to " + last + ": " + losses);
            }
        }
    }

    private static float trainStep(Trainer trainer, List<Scene> scenes) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray input = ImageTensors.imagesWithMasks(step,
                    scenes.stream().map(Scene::image).toList(), scenes.stream().map(Scene::visible).toList());
            NDArray target = ImageTensors.masks(step, scenes.stream().map(Scene::amodal).toList());
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList prediction = trainer.forward(new NDList(input));
                NDArray value = trainer.getLoss().evaluate(new NDList(target), prediction);
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
            return loss;
        }
    }
}
