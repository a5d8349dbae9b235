package io.deocc.engine.djl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.Stage;
import io.deocc.data.SampleSource;
import io.deocc.data.SynthPreset;
import io.deocc.data.SynthSet;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.internal.DjlPlugin;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backbone the engine binds, for every stage it can serve: selected by name in a training config,
 * trained for a few steps from Java, saved with its card, and then run through the stage's SPI component
 * (configured by the card's path) on a synthetic scene.
 */
class EveryBackboneTest {
    private static final int SIZE = 64;
    private static final int STEPS = 3;

    @TempDir
    Path dir;

    static Stream<Arguments> stagesAndBackbones() {
        return Stream.of(
                Arguments.of(Stage.SEGMENTATION, "unet", new BackboneSpec(3, 1, 2, 1)),
                Arguments.of(Stage.SEGMENTATION, "resnet-unet", new BackboneSpec(3, 1, 2, 1)),
                Arguments.of(Stage.SEGMENTATION, "ae", new BackboneSpec(3, 1, 2, 1)),
                Arguments.of(Stage.SEGMENTATION, "vae", new BackboneSpec(3, 1, 2, 1)),
                Arguments.of(Stage.MASK_COMPLETION, "unet", new BackboneSpec(4, 1, 2, 1)),
                Arguments.of(Stage.MASK_COMPLETION, "resnet-unet", new BackboneSpec(4, 1, 2, 1)),
                Arguments.of(Stage.MASK_COMPLETION, "ae", new BackboneSpec(4, 1, 2, 1)),
                Arguments.of(Stage.MASK_COMPLETION, "vae", new BackboneSpec(4, 1, 2, 1)),
                Arguments.of(Stage.MASK_COMPLETION, "stacked-unet", new BackboneSpec(4, 2, 2, 1)),
                Arguments.of(Stage.MASK_COMPLETION, "stacked-unet-plain", new BackboneSpec(4, 2, 2, 1)),
                Arguments.of(Stage.CONTENT_RECOVERY, "pconv-unet", new BackboneSpec(5, 3, 1, 1)),
                Arguments.of(Stage.CONTENT_RECOVERY, "pconv-pga", new BackboneSpec(5, 3, 1, 1)),
                Arguments.of(Stage.CONTENT_RECOVERY, "unet", new BackboneSpec(5, 3, 2, 1)),
                Arguments.of(Stage.CONTENT_RECOVERY, "resnet-unet", new BackboneSpec(5, 3, 2, 1)),
                Arguments.of(Stage.CONTENT_RECOVERY, "vae", new BackboneSpec(5, 3, 2, 1)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stagesAndBackbones")
    void trainsAFewStepsThenRunsThroughTheSpi(Stage stage, String backbone, BackboneSpec spec) {
        TrainingConfig config = TrainingConfig.defaults(stage).withBackbone(backbone, spec).withInputSize(SIZE)
                .withBatchSize(2).withSteps(STEPS).withCheckpointEvery(0).withValidateEvery(0).withThreads(2)
                .withModelName("every");
        Path card;
        try (Training training = Training.create(config); SampleSource train = trainSource()) {
            TrainingResult result = training.run(train, Optional.empty(), dir, TrainingListener.NONE);
            assertEquals(STEPS, result.finalStep());
            assertTrue(Double.isFinite(result.lastLoss()), "loss " + result.lastLoss());
            card = training.save(dir, "model");
        }
        ComponentConfig settings = ComponentConfig.of(Map.of("model", card.toString(), "threads", "2"));
        Scene scene = SyntheticScenes.occludedPeople(21L, 1, 96, 80).get(0);
        RgbImage image = scene.image();
        PersonInstance person = PersonInstance.of(1, scene.visible());
        switch (stage) {
            case SEGMENTATION -> {
                try (Segmenter segmenter = plugin().segmenters().get(0).create(settings, PluginContext.defaults())) {
                    assertEquals(backbone, segmenter.descriptor().backbone());
                    segmenter.segment(SegmentationRequest.of(image)).forEach(found ->
                            assertEquals(image.width(), found.visibleMask().width()));
                }
            }
            case MASK_COMPLETION -> {
                try (MaskCompleter completer = plugin().maskCompleters().get(0).create(settings, PluginContext.defaults())) {
                    assertEquals(backbone, completer.descriptor().backbone());
                    MaskCompletion masks = completer.complete(image, person);
                    assertTrue(masks.amodal().containsAll(masks.refinedVisible()));
                    assertEquals(backbone.equals("stacked-unet"), masks.amodalParsing().isPresent(),
                            "only the guided stacked network gives parsing");
                }
            }
            case CONTENT_RECOVERY -> {
                try (ContentRecoverer recoverer = plugin().contentRecoverers().get(0).create(settings, PluginContext.defaults())) {
                    assertEquals(backbone, recoverer.descriptor().backbone());
                    MaskCompletion masks = new MaskCompletion(scene.visible(), scene.amodal());
                    ContentRecovery recovery = recoverer.recover(image, person, masks);
                    int[] before = image.toArray();
                    int[] after = recovery.composite().toArray();
                    for (int i = 0; i < before.length; i++) {
                        if (!masks.invisible().get(i)) {
                            assertEquals(before[i], after[i], "pixel " + i + " outside the hidden region changed");
                        }
                    }
                    assertFalse(masks.invisible().isEmpty(), "the scene hides part of the person");
                }
            }
        }
    }

    private static SampleSource trainSource() {
        return SynthSet.of(SynthPreset.TRAIN).withSize(SIZE).source();
    }

    private static DeoccPlugin plugin() {
        return new DjlPlugin();
    }
}
