package io.deocc.engine.djl.internal;

import io.deocc.content.network.ContentTensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
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
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < SCENES; i++) {
            scenes.add(SyntheticScenes.occludedPerson(700L + i, SIZE, SIZE));
        }
        Shape parsing = new Shape(SCENES, ParsingGuidedAttention.PARTS, SIZE, SIZE);
        SmokeTraining.assertLossFalls("pconv-smoke", 7, new PConvUNet(8, true), new ContentLoss(),
                new Shape[] {new Shape(SCENES, 5, SIZE, SIZE), parsing, parsing}, STEPS, 0.85f, step -> {
                    NDArray input = DjlTensors.array(step, ContentTensors.input(scenes.stream().map(Scene::image).toList(),
                            scenes.stream().map(Scene::visible).toList(), scenes.stream().map(Scene::amodal).toList()));
                    NDArray visibleParsing = DjlTensors.array(step, ContentTensors.parsingOneHot(scenes.stream().map(Scene::visibleParsing).toList()));
                    NDArray amodalParsing = DjlTensors.array(step, ContentTensors.parsingOneHot(scenes.stream().map(Scene::amodalParsing).toList()));
                    NDArray target = DjlTensors.array(step, ContentTensors.target(scenes.stream().map(Scene::original).toList(),
                            scenes.stream().map(Scene::amodal).toList()));
                    return new NDList[] {new NDList(input, visibleParsing, amodalParsing), new NDList(target, input)};
                });
    }
}
