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

/** Adam on a sigmoid BCE reconstruction loss: the plain autoencoder learns to reproduce a few amodal masks. */
class AutoencoderTrainingSmokeTest {
    private static final int SIZE = 64;
    private static final int STEPS = 20;

    @Test
    void reconstructionLossFallsOnAFewSyntheticMasks() {
        List<Scene> scenes = SyntheticScenes.occludedPeople(2025L, 4, SIZE, SIZE);
        SmokeTraining.assertLossFalls("ae-smoke", 42, AutoencoderBackbone.plain(32).build(new BackboneSpec(1, 1, 3, 1)),
                Loss.sigmoidBinaryCrossEntropyLoss(), new Shape[] {new Shape(scenes.size(), 1, SIZE, SIZE)}, STEPS, 0.8f,
                step -> {
                    NDList masks = new NDList(DjlTensors.array(step, ImageTensors.masks(scenes.stream().map(Scene::amodal).toList())));
                    return new NDList[] {masks, masks};
                });
    }
}
