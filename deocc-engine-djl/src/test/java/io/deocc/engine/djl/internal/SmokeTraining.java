package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;

/**
 * The training smoke check every network's tests share: Adam at a fixed rate on one tiny, fixed
 * batch must cut the loss clearly (not just wobble below the start), keep it finite, and leave no
 * arrays behind after a step.
 */
final class SmokeTraining {
    private static final float LEARNING_RATE = 1e-2f;

    /** Builds one batch on the given (per-step) manager: the network's inputs and the loss's labels. */
    @FunctionalInterface
    interface Batch {
        NDList[] inputsAndLabels(NDManager manager);
    }

    private SmokeTraining() {}

    static void assertLossFalls(String name, int seed, Block block, Loss loss, Shape[] inputShapes, int steps, float ratio, Batch batch) {
        TestEngine.get().seed(seed);
        try (Model model = Model.newInstance(name, Device.cpu(), DjlEngine.ENGINE_NAME)) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShapes);
                List<Float> losses = new ArrayList<>();
                for (int step = 0; step <= steps; step++) {
                    losses.add(step(trainer, batch));
                }
                int before = trainer.getManager().getManagedArrays().size();
                step(trainer, batch);
                assertEquals(before, trainer.getManager().getManagedArrays().size(), "a step leaves no arrays behind");
                for (float value : losses) {
                    assertTrue(Float.isFinite(value), "loss " + losses);
                }
                float first = losses.get(0);
                float last = losses.get(steps);
                assertTrue(last < ratio * first, "loss went from " + first + " to " + last + ": " + losses);
            }
        }
    }

    private static float step(Trainer trainer, Batch batch) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDList[] data = batch.inputsAndLabels(step);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList prediction = trainer.forward(data[0]);
                NDArray value = trainer.getLoss().evaluate(data[1], prediction);
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
            return loss;
        }
    }
}
