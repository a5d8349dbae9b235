package io.deocc.testkit;

import static io.deocc.testkit.DeoccAssertions.assertDeoccError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentFactory;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.Stage;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ContentRecovererFactory} and its {@link ContentRecoverer}s, checked on
 * synthetic scenes (override {@link #scenes()} for other inputs). Each scene's person is
 * {@code PersonInstance.of(1, scene.visible())} and its masks are the ground truth,
 * {@code new MaskCompletion(scene.visible(), scene.amodal())}.
 */
public abstract class ContentRecovererContract extends ComponentContract<ContentRecoverer> {
    private List<Scene> scenes;
    private List<ContentRecovery> recoveries;

    /** Creates the contract; subclasses supply the factory. */
    protected ContentRecovererContract() {}

    @Override
    protected abstract ContentRecovererFactory factory();

    /** The inputs: a few small synthetic scenes unless overridden; must not be empty. */
    protected List<Scene> scenes() {
        return SyntheticScenes.occludedPeople(ContractScenes.SEED, ContractScenes.COUNT, ContractScenes.SIZE, ContractScenes.SIZE);
    }

    @Override
    final Stage expectedStage() {
        return Stage.CONTENT_RECOVERY;
    }

    @Override
    final List<? extends ComponentFactory<?>> factoriesOf(DeoccPlugin plugin) {
        return plugin.contentRecoverers();
    }

    @Override
    final int inputCount() {
        return inputs().size();
    }

    @Override
    final Object call(ContentRecoverer component, int input) {
        Scene scene = inputs().get(input);
        return component.recover(scene.image(), person(scene), masks(scene));
    }

    @Test
    public void nullImageIsRejected() {
        Scene scene = inputs().get(0);
        assertDeoccError(() -> sharedComponent().recover(null, person(scene), masks(scene)), "recover(null image, person, masks)");
    }

    @Test
    public void nullPersonIsRejected() {
        Scene scene = inputs().get(0);
        assertDeoccError(() -> sharedComponent().recover(scene.image(), null, masks(scene)), "recover(image, null person, masks)");
    }

    @Test
    public void nullMasksAreRejected() {
        Scene scene = inputs().get(0);
        assertDeoccError(() -> sharedComponent().recover(scene.image(), person(scene), null), "recover(image, person, null masks)");
    }

    @Test
    public void personOfAnotherSizeIsRejected() {
        Scene scene = inputs().get(0);
        PersonInstance larger = PersonInstance.of(1, ContractScenes.onLargerCanvas(scene.visible()));
        assertDeoccError(ErrorCode.SIZE_MISMATCH, () -> sharedComponent().recover(scene.image(), larger, masks(scene)),
                "recover() with a person mask larger than the image");
    }

    @Test
    public void masksOfAnotherSizeAreRejected() {
        Scene scene = inputs().get(0);
        MaskCompletion larger = new MaskCompletion(ContractScenes.onLargerCanvas(scene.visible()), ContractScenes.onLargerCanvas(scene.amodal()));
        assertDeoccError(ErrorCode.SIZE_MISMATCH, () -> sharedComponent().recover(scene.image(), person(scene), larger),
                "recover() with masks larger than the image");
    }

    @Test
    public void recoveryHasTheImageSize() {
        for (int i = 0; i < inputs().size(); i++) {
            RgbImage image = inputs().get(i).image();
            ContentRecovery recovery = recoveries().get(i);
            assertEquals(image.width(), recovery.composite().width(), "scene " + i + ": composite width");
            assertEquals(image.height(), recovery.composite().height(), "scene " + i + ": composite height");
            assertEquals(image.width(), recovery.personLayer().width(), "scene " + i + ": person layer width");
            assertEquals(image.height(), recovery.personLayer().height(), "scene " + i + ": person layer height");
        }
    }

    @Test
    public void compositeKeepsTheVisiblePixelsExactly() {
        for (int i = 0; i < inputs().size(); i++) {
            Scene scene = inputs().get(i);
            assertSamePixels(scene.image(), recoveries().get(i).composite().toArray(), masks(scene).refinedVisible(),
                    "scene " + i + ": composite pixel inside the refined visible mask");
        }
    }

    @Test
    public void compositeKeepsThePixelsOutsideTheBody() {
        for (int i = 0; i < inputs().size(); i++) {
            Scene scene = inputs().get(i);
            assertSamePixels(scene.image(), recoveries().get(i).composite().toArray(), masks(scene).amodal().not(),
                    "scene " + i + ": composite pixel outside the amodal mask");
        }
    }

    @Test
    public void personLayerKeepsTheVisiblePixels() {
        for (int i = 0; i < inputs().size(); i++) {
            Scene scene = inputs().get(i);
            assertSamePixels(scene.image(), recoveries().get(i).personLayer().toArray(), masks(scene).refinedVisible(),
                    "scene " + i + ": person layer colour inside the refined visible mask");
        }
    }

    @Test
    public void personLayerIsOpaqueExactlyOnTheAmodalMask() {
        for (int i = 0; i < inputs().size(); i++) {
            BinaryMask amodal = masks(inputs().get(i)).amodal();
            int[] argb = recoveries().get(i).personLayer().toArray();
            for (int p = 0; p < argb.length; p++) {
                boolean opaque = (argb[p] >>> 24) == 255;
                if (opaque != amodal.get(p)) {
                    fail("scene " + i + ": person layer alpha at (" + p % amodal.width() + ", " + p / amodal.width() + ") is "
                            + (argb[p] >>> 24) + " but the pixel is " + (amodal.get(p) ? "inside" : "outside")
                            + " the amodal mask; alpha must be 255 exactly on the amodal mask");
                }
            }
        }
    }

    /** The person of a scene as the recoverer receives it. */
    static PersonInstance person(Scene scene) {
        return PersonInstance.of(1, scene.visible());
    }

    /** The ground-truth masks of a scene as the recoverer receives them. */
    static MaskCompletion masks(Scene scene) {
        return new MaskCompletion(scene.visible(), scene.amodal());
    }

    private static void assertSamePixels(RgbImage expected, int[] actual, BinaryMask where, String what) {
        int[] input = expected.toArray();
        for (int p = 0; p < input.length; p++) {
            if (where.get(p) && (actual[p] & 0xFFFFFF) != input[p]) {
                fail(what + " (" + p % expected.width() + ", " + p / expected.width() + ") is "
                        + String.format("#%06X", actual[p] & 0xFFFFFF) + " but the input has " + String.format("#%06X", input[p])
                        + "; it must be copied bit for bit");
            }
        }
    }

    private synchronized List<Scene> inputs() {
        if (scenes == null) {
            scenes = ContractScenes.checked(scenes());
        }
        return scenes;
    }

    /** One recovery per scene from the shared component, computed once for the output checks. */
    private synchronized List<ContentRecovery> recoveries() {
        if (recoveries == null) {
            List<ContentRecovery> out = new ArrayList<>();
            for (int i = 0; i < inputs().size(); i++) {
                ContentRecovery recovery = (ContentRecovery) call(sharedComponent(), i);
                assertNotNull(recovery, "scene " + i + ": recover() returned null");
                out.add(recovery);
            }
            recoveries = List.copyOf(out);
        }
        return recoveries;
    }
}
