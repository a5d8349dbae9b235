package io.deocc.mask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.mask.metrics.MaskScore;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VisibleOnlyMaskCompleterTest {
    private final VisibleOnlyMaskCompleterFactory factory = new VisibleOnlyMaskCompleterFactory();

    @Test
    void amodalAndRefinedVisibleAreTheInputMask() {
        Scene scene = SyntheticScenes.occludedPerson(5, 64, 96);
        try (MaskCompleter completer = factory.create(ComponentConfig.empty(), PluginContext.defaults())) {
            MaskCompletion masks = completer.complete(scene.image(), PersonInstance.of(1, scene.visible()));
            assertEquals(scene.visible(), masks.amodal());
            assertEquals(scene.visible(), masks.refinedVisible());
            assertTrue(masks.invisible().isEmpty());
        }
    }

    @Test
    void amodalIouIsTheVisibleRatio() {
        // predicted = visible, truth = amodal ⊇ visible: intersection = |visible|, union = |amodal|
        try (MaskCompleter completer = factory.create(ComponentConfig.empty(), PluginContext.defaults())) {
            for (Scene scene : SyntheticScenes.occludedPeople(9, 4, 64, 96)) {
                MaskCompletion masks = completer.complete(scene.image(), PersonInstance.of(1, scene.visible()));
                MaskScore score = MaskScore.ofCompletion(masks, scene.amodal(), scene.visible());
                assertEquals(scene.visibleRatio(), score.iou(), 1e-12);
                assertEquals(0.0, score.invisibleIou().orElseThrow(), 0.0);
            }
        }
    }

    @Test
    void isABaselineThatIsNeverTheDefault() {
        assertEquals(-100, factory.defaultPriority());
        assertTrue(factory.descriptor().capabilities().contains("baseline"));
        assertTrue(factory.descriptor().description().toLowerCase().contains("baseline"));
    }

    @Test
    void rejectsAnySetting() {
        DeoccException e = assertThrows(DeoccException.class,
                () -> factory.create(ComponentConfig.of(Map.of("hidden-weight", "0.1")), PluginContext.defaults()));
        assertEquals(ErrorCode.INVALID_CONFIG, e.errorCode());
        assertTrue(e.getMessage().contains("hidden-weight"), e.getMessage());
    }
}
