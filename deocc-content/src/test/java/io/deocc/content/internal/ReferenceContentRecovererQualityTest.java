package io.deocc.content.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.PluginContext;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;

/**
 * The measure the reference recoverer exists for: inside the hidden region, against the scene
 * without its occluder, it must beat the trivial guess of painting the person's mean visible colour.
 * Errors are mean absolute differences per channel, in 0..255 units, averaged over the scenes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceContentRecovererQualityTest {
    private static final int SCENES = 32;
    private static final int SIZE = 192;
    private static final long SEED = 20210619L;

    private double meanColourError;
    private double referenceError;
    private double parsingGuidedError;

    @BeforeAll
    void measure() {
        List<Scene> scenes = SyntheticScenes.occludedPeople(SEED, SCENES, SIZE, SIZE);
        try (ContentRecoverer recoverer = new ReferenceContentRecovererFactory().create(ComponentConfig.empty(), PluginContext.defaults())) {
            for (Scene scene : scenes) {
                PersonInstance person = PersonInstance.of(1, scene.visible());
                MaskCompletion plain = new MaskCompletion(scene.visible(), scene.amodal());
                MaskCompletion parsed = new MaskCompletion(scene.visible(), scene.amodal(),
                        Optional.of(scene.amodalParsing()), Optional.of(scene.amodalParsing()));
                BinaryMask hidden = scene.invisible();
                meanColourError += l1(meanColourFill(scene), scene.original(), hidden);
                referenceError += l1(recoverer.recover(scene.image(), person, plain).composite(), scene.original(), hidden);
                parsingGuidedError += l1(recoverer.recover(scene.image(), person, parsed).composite(), scene.original(), hidden);
            }
        }
        meanColourError /= SCENES;
        referenceError /= SCENES;
        parsingGuidedError /= SCENES;
    }

    @Test
    void exemplarInpaintingBeatsTheMeanVisibleColour(TestReporter reporter) {
        reporter.publishEntry("hidden-region L1", summary());
        assertTrue(referenceError < meanColourError, summary());
    }

    @Test
    void parsingGuidanceDoesNotHurt(TestReporter reporter) {
        reporter.publishEntry("hidden-region L1", summary());
        assertTrue(parsingGuidedError <= referenceError, summary());
        assertTrue(parsingGuidedError < meanColourError, summary());
    }

    private String summary() {
        return String.format(Locale.ROOT, "mean L1 per channel over %d scenes of %dx%d inside the hidden region:"
                        + " reference %.2f, reference with parsing %.2f, mean visible colour %.2f",
                SCENES, SIZE, SIZE, referenceError, parsingGuidedError, meanColourError);
    }

    /** The scene's occluded image with every hidden pixel set to the mean colour of the person's visible pixels. */
    private static RgbImage meanColourFill(Scene scene) {
        int[] pixels = scene.image().toArray();
        long r = 0;
        long g = 0;
        long b = 0;
        int n = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (scene.visible().get(i)) {
                r += (pixels[i] >> 16) & 0xFF;
                g += (pixels[i] >> 8) & 0xFF;
                b += pixels[i] & 0xFF;
                n++;
            }
        }
        int mean = (int) Math.round(r / (double) n) << 16 | (int) Math.round(g / (double) n) << 8 | (int) Math.round(b / (double) n);
        BinaryMask hidden = scene.invisible();
        for (int i = 0; i < pixels.length; i++) {
            if (hidden.get(i)) {
                pixels[i] = mean;
            }
        }
        return RgbImage.of(scene.width(), scene.height(), pixels);
    }

    /** Mean absolute difference per channel over the pixels of {@code where}. */
    private static double l1(RgbImage actual, RgbImage expected, BinaryMask where) {
        int[] a = actual.toArray();
        int[] e = expected.toArray();
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            if (where.get(i)) {
                sum += Math.abs(((a[i] >> 16) & 0xFF) - ((e[i] >> 16) & 0xFF))
                        + Math.abs(((a[i] >> 8) & 0xFF) - ((e[i] >> 8) & 0xFF))
                        + Math.abs((a[i] & 0xFF) - (e[i] & 0xFF));
            }
        }
        return sum / (3.0 * where.area());
    }
}
