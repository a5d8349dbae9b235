package io.deocc.engine.djl.internal;

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

/** Adam on a sigmoid BCE reconstruction loss: the plain autoencoder learns to reproduce a few amodal masks. */
class AutoencoderTrainingSmokeTest {
    private static final int SIZE = 64;
    private static final int STEPS = 20;

    @Test
    void reconstructionLossFallsOnAFewSyntheticMasks() {
        DjlEngine engine = TestEngine.get();
        List<Scene> scenes = SyntheticScenes.occludedPeople(2025L, 4, SIZE, SIZE);
        engine.seed(42);
        try (Model model = Model.newInstance("ae-smoke", Device.cpu(), DjlEngine.ENGINE_NAME)) {
            model.setBlock(AutoencoderBackbone.plain(32).build(new BackboneSpec(1, 1, 3, 1)));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config);
                    NDManager data = trainer.getManager().newSubManager()) {
                trainer.initialize(new Shape(scenes.size(), 1, SIZE, SIZE));
                NDArray masks = ImageTensors.masks(data, scenes.stream().map(Scene::amodal).toList());
                List<Float> losses = new ArrayList<>();
                for (int step = 0; step <= STEPS; step++) {
                    losses.add(trainStep(trainer, masks));
                }
                for (float loss : losses) {
                    assertTrue(Float.isFinite(loss), "loss " + losses);
                }
                float first = losses.get(0);
                float last = losses.get(STEPS);
                assertTrue(last < 0.8f * first, "loss went from " + first + " to " + last + ": " + losses);
            }
        }
    }

    private static float trainStep(Trainer trainer, NDArray masks) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray input = masks.duplicate();
            input.attach(step);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList prediction = trainer.forward(new NDList(input));
                NDArray value = trainer.getLoss().evaluate(new NDList(input), prediction);
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
            return loss;
        }
    }
}
