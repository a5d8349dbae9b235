package io.deocc.content.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import org.junit.jupiter.api.Test;

class PanelsTest {
    // 5x1: visible | hidden, found | predicted only | missed | background
    private static final RgbImage INPUT = RgbImage.of(5, 1, new int[] {0x102030, 0x405060, 0x708090, 0xA0B0C0, 0xD0E0F0});
    private static final RgbImage COMPOSITE = RgbImage.filled(5, 1, 0x123456);
    private static final BinaryMask VISIBLE = mask(true, false, false, false, false);
    /** A noisy segmenter mask: misses the visible pixel, takes the hidden one. */
    private static final BinaryMask INPUT_MASK = mask(false, true, false, false, false);
    private static final BinaryMask PREDICTED = mask(true, true, true, false, false);
    private static final BinaryMask TRUTH = mask(true, true, false, true, false);

    @Test
    void comparisonTileColoursAgreementAndBothKindsOfError() {
        RgbImage panel = Panels.renderComparison(INPUT, INPUT_MASK, VISIBLE, PREDICTED, TRUTH, COMPOSITE);
        assertEquals(4 * 5 + 3 * Panels.GAP, panel.width());
        assertEquals(1, panel.height());
        int third = 2 * (5 + Panels.GAP);
        assertEquals(Panels.VISIBLE_COLOUR, panel.rgb(third, 0));
        assertEquals(Panels.HIDDEN_COLOUR, panel.rgb(third + 1, 0));
        assertEquals(Panels.FALSE_POSITIVE_COLOUR, panel.rgb(third + 2, 0));
        assertEquals(Panels.MISSED_COLOUR, panel.rgb(third + 3, 0));
        assertEquals(Panels.BACKGROUND_COLOUR, panel.rgb(third + 4, 0));
        assertEquals(Panels.GAP_COLOUR, panel.rgb(5, 0));
    }

    @Test
    void firstSecondAndLastTilesAreInputInputWithTheCompletersMaskTintedAndComposite() {
        RgbImage panel = Panels.renderComparison(INPUT, INPUT_MASK, VISIBLE, PREDICTED, TRUTH, COMPOSITE);
        int second = 5 + Panels.GAP;
        int last = 3 * (5 + Panels.GAP);
        for (int x = 0; x < 5; x++) {
            assertEquals(INPUT.rgb(x, 0), panel.rgb(x, 0));
            int tint = INPUT_MASK.get(x, 0) ? Panels.blend(INPUT.rgb(x, 0), Panels.VISIBLE_COLOUR, Panels.TINT) : INPUT.rgb(x, 0);
            assertEquals(tint, panel.rgb(second + x, 0));
            assertEquals(0x123456, panel.rgb(last + x, 0));
        }
    }

    @Test
    void resultPanelShowsVisibleGreenAndHiddenOrange() {
        RgbImage panel = Panels.render(INPUT, new MaskCompletion(VISIBLE, PREDICTED), COMPOSITE);
        int third = 2 * (5 + Panels.GAP);
        assertEquals(Panels.VISIBLE_COLOUR, panel.rgb(third, 0));
        assertEquals(Panels.HIDDEN_COLOUR, panel.rgb(third + 1, 0));
        assertEquals(Panels.HIDDEN_COLOUR, panel.rgb(third + 2, 0));
        assertEquals(Panels.BACKGROUND_COLOUR, panel.rgb(third + 3, 0));
    }

    @Test
    void blendWeighsEachChannel() {
        // half of 0x000000 and 0xFF8000: 127.5 rounds to 128, 64, 0
        assertEquals(0x804000, Panels.blend(0x000000, 0xFF8000, 0.5));
    }

    @Test
    void largeInputsAreShrunkByAWholeFactor() {
        assertEquals(1, Panels.shrinkFactor(1024, 10));
        assertEquals(2, Panels.shrinkFactor(1025, 10));
        // 2x2 block average: (0 + 10 + 20 + 30) / 4 = 15 per channel
        int[] out = Panels.shrink(new int[] {0x000000, 0x0A0A0A, 0x141414, 0x1E1E1E}, 2, 2, 2);
        assertEquals(1, out.length);
        assertEquals(0x0F0F0F, out[0]);
    }

    @Test
    void masksOfAnotherSizeAreRejected() {
        BinaryMask wrong = BinaryMask.empty(4, 1);
        DeoccException e = assertThrows(DeoccException.class, () -> Panels.renderComparison(INPUT, INPUT_MASK, VISIBLE, wrong, TRUTH, COMPOSITE));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
    }

    private static BinaryMask mask(boolean... bits) {
        return BinaryMask.of(bits.length, 1, bits);
    }
}
