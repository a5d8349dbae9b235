package io.deocc.engine.djl.internal;

import io.deocc.model.ShippedModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.model.BackboneSpec;
import io.deocc.api.network.PersonCrop;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlMaskCompleterTest {
    private final DjlMaskCompleterFactory factory = new DjlMaskCompleterFactory();

    @TempDir
    Path dir;

    @Test
    void aCardForAnotherStageIsRejectedNamingTheField() {
        Path card = TestModels.save(dir, "content", Stage.CONTENT_RECOVERY, TestModels.SPEC);
        DeoccException e = assertCreateFails(Map.of("model", card.toString()), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("is for stage content-recovery"), e.getMessage());
        assertTrue(e.getMessage().contains("serves mask-completion"), e.getMessage());
    }

    @Test
    void aCardWithThreeOutputChannelsIsRejectedNamingTheField() {
        Path card = TestModels.save(dir, "rgb-out", Stage.MASK_COMPLETION, new BackboneSpec(4, 3, 2, 1));
        DeoccException e = assertCreateFails(Map.of("model", card.toString()), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("the spec has 4 and 3"), e.getMessage());
        assertTrue(e.getMessage().contains("new BackboneSpec(4, 1, depth, width)"), e.getMessage());
    }

    @Test
    void aCardWithThreeInputChannelsIsRejectedNamingTheField() {
        Path card = TestModels.save(dir, "rgb-in", Stage.MASK_COMPLETION, new BackboneSpec(3, 1, 2, 1));
        DeoccException e = assertCreateFails(Map.of("model", card.toString()), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("the spec has 3 and 1"), e.getMessage());
    }

    @Test
    void aMissingModelSettingIsInvalidConfigSayingWhatToGive() {
        DeoccException e = assertCreateFails(Map.of("threshold", "0.5"), ErrorCode.INVALID_CONFIG);
        assertTrue(e.getMessage().contains("'model'"), e.getMessage());
        assertTrue(e.getMessage().contains(".card.json"), e.getMessage());
    }

    @Test
    void anAbsentCardIsFileNotFound() {
        assertCreateFails(Map.of("model", dir.resolve("absent.card.json").toString()), ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void outOfRangeSettingsAreInvalidConfig() {
        String card = TestModels.validCard().toString();
        assertCreateFails(Map.of("model", card, "threshold", "1.5"), ErrorCode.INVALID_CONFIG);
        assertCreateFails(Map.of("model", card, "context", "0.5"), ErrorCode.INVALID_CONFIG);
        assertCreateFails(Map.of("model", card, "threads", "0"), ErrorCode.INVALID_CONFIG);
    }

    @Test
    void theAmodalMaskHoldsTheVisibleMaskOnSyntheticScenes() {
        try (MaskCompleter completer = create(Map.of())) {
            for (Scene scene : SyntheticScenes.occludedPeople(11L, 4, 96, 80)) {
                BinaryMask visible = scene.visible();
                MaskCompletion masks = completer.complete(scene.image(), PersonInstance.of(1, visible));
                assertTrue(masks.amodal().containsAll(visible), "seed " + scene.seed() + ": amodal lost visible pixels");
                assertEquals(visible, masks.refinedVisible(), "this network does not refine the visible mask");
            }
        }
    }

    @Test
    void refineVisibleOffKeepsTheInputMaskOfTheStackedNetwork() {
        Path card = TestModels.save(dir, "stacked", Stage.MASK_COMPLETION, StackedMaskBackbone.NAME, new BackboneSpec(4, 2, 2, 1));
        Scene scene = SyntheticScenes.occludedPeople(9L, 1, 96, 80).get(0);
        PersonInstance person = PersonInstance.of(1, scene.visible());
        Map<String, String> settings = Map.of("model", card.toString(), "threads", "2", "threshold", "0");
        try (MaskCompleter refining = factory.create(ComponentConfig.of(settings), PluginContext.defaults());
                MaskCompleter keeping = factory.create(ComponentConfig.of(withKey(settings, "refine-visible", "false")),
                        PluginContext.defaults())) {
            MaskCompletion refined = refining.complete(scene.image(), person);
            MaskCompletion kept = keeping.complete(scene.image(), person);
            assertEquals(scene.visible(), kept.refinedVisible(), "refine-visible=false keeps the input mask");
            assertTrue(kept.amodal().containsAll(scene.visible()));
            assertTrue(refined.amodalParsing().isPresent() && kept.amodalParsing().isPresent(), "parsing either way");
            // at a cut of 0 every probability counts, so the network's refined visible mask is its whole crop window
            Box window = PersonCrop.around(person.box(), 96, 80, TestModels.INPUT_SIZE).visibleWindow();
            assertEquals(BinaryMask.ofBox(96, 80, window), refined.refinedVisible(), "the stacked network's own visible mask is used");
        }
    }

    private static Map<String, String> withKey(Map<String, String> settings, String key, String value) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put(key, value);
        return copy;
    }

    @Test
    void thresholdZeroFillsExactlyTheCropWindow() {
        // every sigmoid output is at least 0, so the pasted mask is the window's part inside the image
        Scene scene = SyntheticScenes.occludedPeople(5L, 1, 96, 80).get(0);
        PersonInstance person = PersonInstance.of(1, scene.visible());
        try (MaskCompleter completer = create(Map.of("threshold", "0", "context", "1.2"))) {
            BinaryMask amodal = completer.complete(scene.image(), person).amodal();
            Box window = PersonCrop.around(person.box(), 96, 80, TestModels.INPUT_SIZE, 1.2).visibleWindow();
            BinaryMask expected = BinaryMask.fromIndex(96, 80, i -> inside(window, i % 96, i / 96)).or(scene.visible());
            assertEquals(expected, amodal);
        }
    }

    @Test
    void callsLeaveNoArraysBehind() {
        Scene scene = SyntheticScenes.occludedPeople(3L, 1, 96, 80).get(0);
        try (MaskCompleter completer = create(Map.of())) {
            DjlMaskCompleter unet = (DjlMaskCompleter) completer;
            int before = unet.liveArrays();
            completer.complete(scene.image(), PersonInstance.of(1, scene.visible()));
            completer.complete(scene.image(), PersonInstance.of(1, scene.visible()));
            assertEquals(before, unet.liveArrays(), "each call frees its own arrays");
        }
    }

    @Test
    void theCreatedComponentReportsTheCardsInputSize() {
        try (MaskCompleter completer = create(Map.of())) {
            assertEquals(TestModels.INPUT_SIZE, completer.descriptor().inputSize());
            assertTrue(completer.descriptor().threadSafe());
        }
        assertEquals(0, factory.descriptor().inputSize(), "the factory cannot know the card's size");
    }

    @Test
    void theDefaultOnlyWhenTheShippedModelIsFound() throws java.io.IOException {
        assertTrue(factory.defaultPriority() < 0, "no models folder: below the pure-Java reference completer");
        java.nio.file.Files.writeString(dir.resolve(DjlMaskCompleterFactory.SHIPPED_CARD), "{}");
        System.setProperty(ShippedModels.MODELS_PROPERTY, dir.toString());
        try {
            assertTrue(factory.defaultPriority() > 0, "shipped model found: above the reference completer");
        } finally {
            System.clearProperty(ShippedModels.MODELS_PROPERTY);
        }
        assertEquals(List.of("djl-mask"), new DjlPlugin().maskCompleters().stream().map(f -> f.name()).toList());
    }

    private static boolean inside(Box box, int x, int y) {
        return x >= box.x() && x < box.maxX() && y >= box.y() && y < box.maxY();
    }

    private MaskCompleter create(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("model", TestModels.validCard().toString());
        settings.put("threads", "2");
        return factory.create(ComponentConfig.of(settings), PluginContext.defaults());
    }

    private DeoccException assertCreateFails(Map<String, String> settings, ErrorCode code) {
        DeoccException e = assertThrows(DeoccException.class,
                () -> factory.create(ComponentConfig.of(settings), PluginContext.defaults()).close());
        assertEquals(code, e.errorCode(), e.getMessage());
        return e;
    }
}
