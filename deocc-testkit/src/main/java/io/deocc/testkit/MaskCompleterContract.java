package io.deocc.testkit;

import static io.deocc.testkit.DeoccAssertions.assertDeoccError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ErrorCode;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentFactory;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.Stage;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link MaskCompleterFactory} and its {@link MaskCompleter}s, checked on
 * synthetic scenes (override {@link #scenes()} for other inputs). Each scene's person is
 * {@code PersonInstance.of(1, scene.visible())}.
 */
public abstract class MaskCompleterContract extends ComponentContract<MaskCompleter> {
    private List<Scene> scenes;

    /** Creates the contract; subclasses supply the factory. */
    protected MaskCompleterContract() {}

    @Override
    protected abstract MaskCompleterFactory factory();

    /** The inputs: a few small synthetic scenes unless overridden; must not be empty. */
    protected List<Scene> scenes() {
        return SyntheticScenes.occludedPeople(ContractScenes.SEED, ContractScenes.COUNT, ContractScenes.SIZE, ContractScenes.SIZE);
    }

    @Override
    final Stage expectedStage() {
        return Stage.MASK_COMPLETION;
    }

    @Override
    final List<? extends ComponentFactory<?>> factoriesOf(DeoccPlugin plugin) {
        return plugin.maskCompleters();
    }

    @Override
    final int inputCount() {
        return inputs().size();
    }

    @Override
    final Object call(MaskCompleter component, int input) {
        Scene scene = inputs().get(input);
        return component.complete(scene.image(), person(scene));
    }

    @Test
    public void nullImageIsRejected() {
        Scene scene = inputs().get(0);
        assertDeoccError(() -> sharedComponent().complete(null, person(scene)), "complete(null image, person)");
    }

    @Test
    public void nullPersonIsRejected() {
        Scene scene = inputs().get(0);
        assertDeoccError(() -> sharedComponent().complete(scene.image(), null), "complete(image, null person)");
    }

    @Test
    public void personOfAnotherSizeIsRejected() {
        Scene scene = inputs().get(0);
        PersonInstance larger = PersonInstance.of(1, ContractScenes.onLargerCanvas(scene.visible()));
        assertDeoccError(ErrorCode.SIZE_MISMATCH, () -> sharedComponent().complete(scene.image(), larger),
                "complete() with a person mask larger than the image");
    }

    @Test
    public void completionHasTheImageSizeAndHoldsTheVisibleMask() {
        MaskCompleter completer = sharedComponent();
        for (int i = 0; i < inputs().size(); i++) {
            Scene scene = inputs().get(i);
            RgbImage image = scene.image();
            MaskCompletion masks = completer.complete(image, person(scene));
            String at = "scene " + i + " (seed " + scene.seed() + ")";
            assertNotNull(masks, at + ": complete() returned null");
            assertEquals(image.width(), masks.amodal().width(), at + ": amodal width");
            assertEquals(image.height(), masks.amodal().height(), at + ": amodal height");
            assertEquals(image.width(), masks.refinedVisible().width(), at + ": refined visible width");
            assertEquals(image.height(), masks.refinedVisible().height(), at + ": refined visible height");
            assertTrue(masks.amodal().containsAll(masks.refinedVisible()), at + ": the amodal mask must contain the refined visible mask");
            assertFalse(masks.amodal().isEmpty(), at + ": the amodal mask of a visible person is empty");
            masks.visibleParsing().ifPresent(parsing -> assertSameSize(image, parsing, at + ": visible parsing"));
            masks.amodalParsing().ifPresent(parsing -> assertSameSize(image, parsing, at + ": amodal parsing"));
        }
    }

    private static void assertSameSize(RgbImage image, ParsingMap parsing, String what) {
        assertEquals(image.width(), parsing.width(), what + " width");
        assertEquals(image.height(), parsing.height(), what + " height");
    }

    /** The person of a scene as the completer receives it. */
    static PersonInstance person(Scene scene) {
        return PersonInstance.of(1, scene.visible());
    }

    private synchronized List<Scene> inputs() {
        if (scenes == null) {
            scenes = ContractScenes.checked(scenes());
        }
        return scenes;
    }
}
