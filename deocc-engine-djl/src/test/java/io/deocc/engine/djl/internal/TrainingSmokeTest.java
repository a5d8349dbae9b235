package io.deocc.engine.djl.internal;

import io.deocc.api.network.ImageTensors;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.deocc.model.BackboneSpec;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam on a sigmoid BCE loss fits a tiny fixed batch: RGB + visible mask in, amodal mask out. */
class TrainingSmokeTest {
    private static final int SIZE = 64;
    private static final int STEPS = 20;

    @Test
    void lossFallsOnATinySyntheticBatch() {
        List<Scene> scenes = SyntheticScenes.occludedPeople(2024L, 4, SIZE, SIZE);
        SmokeTraining.assertLossFalls("unet-smoke", 42, new UNetBackbone().build(new BackboneSpec(4, 1, 3, 1)),
                Loss.sigmoidBinaryCrossEntropyLoss(), new Shape[] {new Shape(scenes.size(), 4, SIZE, SIZE)}, STEPS, 0.8f,
                step -> new NDList[] {
                    new NDList(DjlTensors.array(step, ImageTensors.imagesWithMasks(scenes.stream().map(Scene::image).toList(), scenes.stream().map(Scene::visible).toList()))),
                    new NDList(DjlTensors.array(step, ImageTensors.masks(scenes.stream().map(Scene::amodal).toList())))});
    }
}
