package io.deocc.mask.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.model.MaskCompletion;
import org.junit.jupiter.api.Test;

class MaskScoreTest {
    private static final double EXACT = 1e-15;

    /** Builds a mask from rows of '#' (set) and '.' (clear). */
    static BinaryMask mask(String... rows) {
        int width = rows[0].length();
        boolean[] bits = new boolean[width * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < width; x++) {
                bits[y * width + x] = rows[y].charAt(x) == '#';
            }
        }
        return BinaryMask.of(width, rows.length, bits);
    }

    // Ground truth: the body is the two left columns (6 px); only its top row is visible (2 px).
    static final BinaryMask GT_AMODAL = mask("##.", "##.", "##.");
    static final BinaryMask GT_VISIBLE = mask("##.", "...", "...");
    // Prediction: the top row and the middle row's left two pixels (5 px).
    static final BinaryMask PRED_AMODAL = mask("###", "##.", "...");
    static final BinaryMask PRED_VISIBLE = mask("#..", "#..", "...");

    /**
     * Amodal: P&cap;G = (0,0) (1,0) (0,1) (1,1) = 4; P&cup;G = the 6 of G + (2,0) = 7 -> IoU 4/7.
     * Visible ratio 2/6 -> bin floor(3.33) = 3.
     */
    @Test
    void amodalCountsMatchTheHandCount() {
        MaskScore score = MaskScore.of(PRED_AMODAL, GT_AMODAL, GT_VISIBLE);
        assertEquals(4, score.intersection());
        assertEquals(7, score.union());
        assertEquals(4.0 / 7.0, score.iou(), EXACT);
        assertEquals(6, score.gtAmodalArea());
        assertEquals(2, score.gtVisibleArea());
        assertEquals(1.0 / 3.0, score.visibleRatio(), EXACT);
        assertEquals(3, score.visibleRatioBin());
        assertFalse(score.visibleScored());
        assertTrue(score.visibleIou().isEmpty());
    }

    /**
     * Invisible: G_inv = G_a - G_v = rows 1-2, columns 0-1 = 4 px; P_inv = P_a - G_v = (2,0) (0,1) (1,1) = 3 px.
     * P_inv &cap; G_inv = (0,1) (1,1) = 2; P_inv &cup; G_inv = 4 + (2,0) = 5 -> IoU 2/5.
     */
    @Test
    void invisibleRegionIsPredictionMinusTrueVisibleAgainstTrueHiddenPart() {
        MaskScore score = MaskScore.of(PRED_AMODAL, GT_AMODAL, GT_VISIBLE);
        assertEquals(2, score.invisibleIntersection());
        assertEquals(5, score.invisibleUnion());
        assertEquals(4, score.gtInvisibleArea());
        assertTrue(score.invisibleScored());
        assertEquals(2.0 / 5.0, score.invisibleIou().orElseThrow(), EXACT);
    }

    /** Visible: P_v = (0,0) (0,1), G_v = (0,0) (1,0): intersection 1, union 3 -> 1/3. */
    @Test
    void visibleIouIsScoredWhenAPredictedVisibleMaskIsGiven() {
        MaskScore score = MaskScore.of(PRED_AMODAL, PRED_VISIBLE, GT_AMODAL, GT_VISIBLE);
        assertTrue(score.visibleScored());
        assertEquals(1, score.visibleIntersection());
        assertEquals(3, score.visibleUnion());
        assertEquals(1.0 / 3.0, score.visibleIou().orElseThrow(), EXACT);
        // the amodal part is the same as without a visible mask
        assertEquals(4.0 / 7.0, score.iou(), EXACT);
    }

    @Test
    void aMaskCompletionIsScoredByItsAmodalAndRefinedVisibleMasks() {
        BinaryMask amodal = PRED_AMODAL.or(PRED_VISIBLE);
        MaskScore fromCompletion = MaskScore.ofCompletion(new MaskCompletion(PRED_VISIBLE, amodal), GT_AMODAL, GT_VISIBLE);
        assertEquals(MaskScore.of(amodal, PRED_VISIBLE, GT_AMODAL, GT_VISIBLE), fromCompletion);
    }

    /** A fully visible person has no hidden region: the invisible IoU is undefined, not 0 or 1. */
    @Test
    void fullyVisiblePersonIsNotScoredOnTheInvisibleRegion() {
        BinaryMask centre = mask("...", ".#.", "...");
        MaskScore score = MaskScore.of(mask("...", ".##", "..."), centre, centre);
        assertFalse(score.invisibleScored());
        assertTrue(score.invisibleIou().isEmpty());
        assertEquals(1.0, score.visibleRatio(), EXACT);
        assertEquals(9, score.visibleRatioBin());
        assertEquals(0.5, score.iou(), EXACT);
    }

    /** Visible pixels annotated outside the amodal mask do not count: the ratio stays within [0, 1]. */
    @Test
    void visibleRatioCountsOnlyVisiblePixelsInsideTheAmodalMask() {
        MaskScore score = MaskScore.of(GT_AMODAL, GT_AMODAL, mask("###", "...", "..."));
        assertEquals(2, score.gtVisibleArea());
        assertEquals(1.0 / 3.0, score.visibleRatio(), EXACT);
    }

    @Test
    void bothVisibleMasksEmptyAgreeWithIouOne() {
        BinaryMask none = BinaryMask.empty(3, 3);
        MaskScore score = MaskScore.of(GT_AMODAL, none, GT_AMODAL, none);
        assertEquals(1.0, score.visibleIou().orElseThrow(), EXACT);
        assertEquals(0, score.visibleRatioBin());
    }

    @Test
    void binEdgesFollowIntegerArithmetic() {
        assertEquals(0, bin(0, 10));
        assertEquals(0, bin(99, 1000)); // 0.099
        assertEquals(1, bin(1, 10)); // exactly 0.1 opens bin 1
        assertEquals(1, bin(3, 30));
        assertEquals(2, bin(2, 10));
        assertEquals(3, bin(3, 10));
        assertEquals(6, bin(69, 100));
        assertEquals(7, bin(7, 10));
        assertEquals(8, bin(899, 1000));
        assertEquals(9, bin(9, 10));
        assertEquals(9, bin(999, 1000));
        assertEquals(9, bin(10, 10)); // a ratio of 1.0 is in the last bin
    }

    @Test
    void binOneHoldsARatioOfExactlyOneTenthMeasuredOnMasks() {
        BinaryMask amodal = mask("#####", "#####");
        BinaryMask visible = mask("#....", ".....");
        assertEquals(1, MaskScore.of(amodal, amodal, visible).visibleRatioBin());
    }

    private static int bin(int visible, int amodal) {
        return new MaskScore(amodal, amodal, amodal, visible, amodal - visible, amodal - visible, false, 0, 0).visibleRatioBin();
    }

    @Test
    void nullMasksAreRejected() {
        assertInvalid(() -> MaskScore.of(null, GT_AMODAL, GT_VISIBLE));
        assertInvalid(() -> MaskScore.of(PRED_AMODAL, null, GT_VISIBLE));
        assertInvalid(() -> MaskScore.of(PRED_AMODAL, GT_AMODAL, null));
        assertInvalid(() -> MaskScore.of(PRED_AMODAL, null, GT_AMODAL, GT_VISIBLE));
        assertInvalid(() -> MaskScore.ofCompletion(null, GT_AMODAL, GT_VISIBLE));
    }

    @Test
    void masksOfDifferentSizesAreRejected() {
        BinaryMask wide = BinaryMask.empty(4, 3);
        DeoccException e = assertThrows(DeoccException.class, () -> MaskScore.of(wide, GT_AMODAL, GT_VISIBLE));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("4x3"), e.getMessage());
        assertEquals(ErrorCode.SIZE_MISMATCH,
                assertThrows(DeoccException.class, () -> MaskScore.of(PRED_AMODAL, GT_AMODAL, wide)).errorCode());
        assertEquals(ErrorCode.SIZE_MISMATCH,
                assertThrows(DeoccException.class, () -> MaskScore.of(PRED_AMODAL, wide, GT_AMODAL, GT_VISIBLE)).errorCode());
    }

    @Test
    void anEmptyGroundTruthAmodalMaskIsRejected() {
        BinaryMask none = BinaryMask.empty(3, 3);
        assertEquals(ErrorCode.EMPTY_MASK,
                assertThrows(DeoccException.class, () -> MaskScore.of(PRED_AMODAL, none, none)).errorCode());
    }

    @Test
    void inconsistentCountsAreRejected() {
        assertInvalid(() -> new MaskScore(5, 4, 4, 0, 0, 4, false, 0, 0)); // intersection > union
        assertInvalid(() -> new MaskScore(2, 4, 4, 5, 0, 4, false, 0, 0)); // visible > amodal
        assertInvalid(() -> new MaskScore(2, 4, 4, 1, 0, 2, false, 0, 0)); // invisible union < true hidden area 3
        assertInvalid(() -> new MaskScore(2, 4, 4, 1, 0, 3, false, 1, 1)); // visible counts without visibleScored
        assertInvalid(() -> new MaskScore(0, 0, 0, 0, 0, 0, false, 0, 0)); // nothing annotated
    }

    static void assertInvalid(org.junit.jupiter.api.function.Executable call) {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, call).errorCode());
    }
}
