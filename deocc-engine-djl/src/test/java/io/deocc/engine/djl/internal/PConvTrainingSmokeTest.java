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
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Adam on the content loss fits a tiny fixed batch with the PGA network at 1/8 width. */
class PConvTrainingSmokeTest {
    private static final int SIZE = 64;
    private static final int SCENES = 3;
    private static final int STEPS = 20;

    @Test
    void contentLossFallsOnATinySyntheticBatch() {
        DjlEngine engine = TestEngine.get();
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < SCENES; i++) {
            scenes.add(SyntheticScenes.occludedPerson(700L + i, SIZE, SIZE));
        }
        engine.seed(7);
        try (Model model = Model.newInstance("pconv-smoke", Device.cpu(), DjlEngine.ENGINE_NAME)) {
            model.setBlock(new PConvUNet(8, true));
            DefaultTrainingConfig config = new DefaultTrainingConfig(new ContentLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                Shape parsing = new Shape(SCENES, ParsingGuidedAttention.PARTS, SIZE, SIZE);
                trainer.initialize(new Shape(SCENES, 5, SIZE, SIZE), parsing, parsing);
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
                float first = losses.get(0);
                float last = losses.get(STEPS);
                assertTrue(last < 0.85f * first, "loss went from " + first + " to " + last + ": " + losses);
            }
        }
    }

    private static float trainStep(Trainer trainer, List<Scene> scenes) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray input = PConvInputs.input(step, scenes.stream().map(Scene::image).toList(),
                    scenes.stream().map(Scene::visible).toList(), scenes.stream().map(Scene::amodal).toList());
            NDArray visibleParsing = PConvInputs.parsingOneHot(step, scenes.stream().map(Scene::visibleParsing).toList());
            NDArray amodalParsing = PConvInputs.parsingOneHot(step, scenes.stream().map(Scene::amodalParsing).toList());
            NDArray target = PConvInputs.target(step, scenes.stream().map(Scene::original).toList(),
                    scenes.stream().map(Scene::amodal).toList());
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList prediction = trainer.forward(new NDList(input, visibleParsing, amodalParsing));
                NDArray value = trainer.getLoss().evaluate(new NDList(target, input), prediction);
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
            return loss;
        }
    }
}
