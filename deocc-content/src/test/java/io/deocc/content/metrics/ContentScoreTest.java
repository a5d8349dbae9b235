package io.deocc.content.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ContentScoreTest {
    private static final double EXACT = 1e-12;

    /** The top row of a 2x2 image. */
    static final BinaryMask TOP_ROW = BinaryMask.of(2, 2, new boolean[] {true, true, false, false});

    /**
     * Region: the top row (n = 2 pixels, 6 channel values).
     * <pre>
     *            predicted      truth        errors
     * (0,0)      (10, 0, 0)     (0, 0, 0)    10, 0, 0
     * (1,0)      (0, 5, 0)      (0, 0, 5)    0, 5, -5
     * (0,1)      white          black        outside the region: ignored
     * (1,1)      black          black        outside the region
     * </pre>
     * &Sigma;|e| = 20 -> L1 = 20/6 = 10/3 levels = 10/(3*255) = 2/153 in [0, 1].
     * &Sigma;e&sup2; = 100 + 25 + 25 = 150 -> MSE = 25 levels&sup2; = 25/255&sup2; = 1/2601 in [0, 1].
     * PSNR = 10 log10(255&sup2; / 25) = 10 log10(2601) = 20 log10(51) = 34.1514 dB.
     */
    static final RgbImage PREDICTED = RgbImage.of(2, 2, new int[] {0x0A0000, 0x000500, 0xFFFFFF, 0x000000});
    static final RgbImage TRUTH = RgbImage.of(2, 2, new int[] {0x000000, 0x000005, 0x000000, 0x000000});

    @Test
    void l1L2AndPsnrMatchTheHandComputedValues() {
        ContentScore score = ContentScore.of(PREDICTED, TRUTH, TOP_ROW);
        assertEquals(2, score.pixels());
        assertEquals(20, score.absoluteErrorSum());
        assertEquals(150, score.squaredErrorSum());
        assertEquals(10.0 / 3.0, score.l1In8BitLevels(), EXACT);
        assertEquals(2.0 / 153.0, score.l1(), EXACT);
        assertEquals(25.0, score.l2In8BitLevels(), EXACT);
        assertEquals(1.0 / 2601.0, score.l2(), EXACT);
        assertEquals(20 * Math.log10(51), score.psnr(), EXACT);
        assertEquals(34.1514, score.psnr(), 1e-4);
    }

    @Test
    void metricsAreSymmetricInTheTwoImages() {
        ContentScore forward = ContentScore.of(PREDICTED, TRUTH, TOP_ROW);
        ContentScore backward = ContentScore.of(TRUTH, PREDICTED, TOP_ROW);
        assertEquals(forward.absoluteErrorSum(), backward.absoluteErrorSum());
        assertEquals(forward.squaredErrorSum(), backward.squaredErrorSum());
        assertEquals(forward.ssim(), backward.ssim(), EXACT);
    }

    @Test
    void anExactReproductionHasInfinitePsnrAndNoError() {
        ContentScore score = ContentScore.of(TRUTH, TRUTH, TOP_ROW);
        assertEquals(0.0, score.l1());
        assertEquals(0.0, score.l2());
        assertEquals(Double.POSITIVE_INFINITY, score.psnr());
        assertEquals(1.0, score.ssim(), EXACT);
    }

    @Test
    void anEmptyRegionGivesTheEmptyScoreWhoseMetricsRefuseToAnswer() {
        ContentScore score = ContentScore.of(PREDICTED, TRUTH, BinaryMask.empty(2, 2));
        assertSame(ContentScore.EMPTY, score);
        assertTrue(score.isEmpty());
        for (Executable metric : new Executable[] {score::l1, score::l2, score::psnr, score::ssim, score::l1In8BitLevels}) {
            DeoccException e = assertThrows(DeoccException.class, metric);
            assertEquals(ErrorCode.EMPTY_MASK, e.errorCode());
            assertTrue(e.getMessage().contains("isEmpty()"), e.getMessage());
        }
        assertFalse(ContentScore.of(PREDICTED, TRUTH, TOP_ROW).isEmpty());
    }

    @Test
    void nullArgumentsAreRejected() {
        assertInvalid(() -> ContentScore.of(null, TRUTH, TOP_ROW));
        assertInvalid(() -> ContentScore.of(PREDICTED, null, TOP_ROW));
        assertInvalid(() -> ContentScore.of(PREDICTED, TRUTH, null));
    }

    @Test
    void sizeMismatchesAreRejected() {
        RgbImage wide = RgbImage.filled(3, 2, 0);
        DeoccException e = assertThrows(DeoccException.class, () -> ContentScore.of(wide, TRUTH, TOP_ROW));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("3x2"), e.getMessage());
        assertEquals(ErrorCode.SIZE_MISMATCH,
                assertThrows(DeoccException.class, () -> ContentScore.of(PREDICTED, TRUTH, BinaryMask.empty(2, 3))).errorCode());
    }

    @Test
    void inconsistentSumsAreRejected() {
        assertInvalid(() -> new ContentScore(-1, 0, 0, 0));
        assertInvalid(() -> new ContentScore(1, 766, 766, 0)); // more than 3 * 255 for one pixel
        assertInvalid(() -> new ContentScore(1, 10, 5, 0)); // squared sum below absolute sum
        assertInvalid(() -> new ContentScore(1, 1, 256, 0)); // squared sum above 255 * absolute sum
        assertInvalid(() -> new ContentScore(2, 0, 0, 2.5)); // mean SSIM above 1
        assertInvalid(() -> new ContentScore(2, 0, 0, Double.NaN));
        assertInvalid(() -> new ContentScore(0, 1, 1, 0)); // errors without pixels
    }

    static void assertInvalid(Executable call) {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, call).errorCode());
    }
}
