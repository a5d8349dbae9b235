package io.deocc.content.composite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import org.junit.jupiter.api.Test;

class CompositingTest {
    private static final int PAINT = 0xABCDEF;

    /** 4x4 input whose pixel i is 0x100000 + i, so every pixel is distinct. */
    private static RgbImage input() {
        int[] rgb = new int[16];
        for (int i = 0; i < 16; i++) {
            rgb[i] = 0x100000 + i;
        }
        return RgbImage.of(4, 4, rgb);
    }

    private static BinaryMask mask(String... rows) {
        int w = rows[0].length();
        boolean[] bits = new boolean[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                bits[y * w + x] = rows[y].charAt(x) == '#';
            }
        }
        return BinaryMask.of(w, rows.length, bits);
    }

    /** Visible: (1,1),(2,1). Amodal adds the hidden pixels (1,2),(2,2). */
    private static MaskCompletion masks() {
        BinaryMask visible = mask("....", ".##.", "....", "....");
        BinaryMask amodal = mask("....", ".##.", ".##.", "....");
        return new MaskCompletion(visible, amodal);
    }

    @Test
    void onlyHiddenPixelsTakeThePaintedColour() {
        ContentRecovery recovery = Compositing.compose(input(), masks(), RgbImage.filled(4, 4, PAINT));
        int[] expected = input().toArray();
        expected[2 * 4 + 1] = PAINT;
        expected[2 * 4 + 2] = PAINT;
        assertArrayEquals(expected, recovery.composite().toArray());
    }

    @Test
    void personLayerIsOpaqueOnTheAmodalMaskWithCompositeColours() {
        ContentRecovery recovery = Compositing.compose(input(), masks(), RgbImage.filled(4, 4, PAINT));
        int[] expected = new int[16];
        expected[1 * 4 + 1] = 0xFF000000 | 0x100005;
        expected[1 * 4 + 2] = 0xFF000000 | 0x100006;
        expected[2 * 4 + 1] = 0xFF000000 | PAINT;
        expected[2 * 4 + 2] = 0xFF000000 | PAINT;
        assertArrayEquals(expected, recovery.personLayer().toArray());
    }

    @Test
    void emptyHiddenRegionLeavesTheInputUnchanged() {
        BinaryMask visible = mask("....", ".##.", "....", "....");
        ContentRecovery recovery = Compositing.compose(input(), new MaskCompletion(visible, visible), RgbImage.filled(4, 4, PAINT));
        assertEquals(input(), recovery.composite());
    }

    @Test
    void cropIsPastedAtItsBox() {
        // 2x1 crop at (1,2) covers exactly the two hidden pixels.
        RgbImage crop = RgbImage.of(2, 1, new int[] {0x111111, 0x222222});
        ContentRecovery recovery = Compositing.compose(input(), masks(), crop, new Box(1, 2, 2, 1));
        int[] expected = input().toArray();
        expected[2 * 4 + 1] = 0x111111;
        expected[2 * 4 + 2] = 0x222222;
        assertArrayEquals(expected, recovery.composite().toArray());
    }

    @Test
    void cropMissingAHiddenPixelIsRejected() {
        RgbImage crop = RgbImage.of(1, 1, new int[] {0x111111});
        DeoccException e = assertThrows(DeoccException.class,
                () -> Compositing.compose(input(), masks(), crop, new Box(1, 2, 1, 1)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("(2, 2)"), e.getMessage());
    }

    @Test
    void cropBoxOutsideTheImageIsRejected() {
        RgbImage crop = RgbImage.filled(2, 2, PAINT);
        DeoccException e = assertThrows(DeoccException.class,
                () -> Compositing.compose(input(), masks(), crop, new Box(3, 3, 2, 2)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
    }

    @Test
    void cropOfAnotherSizeThanItsBoxIsRejected() {
        RgbImage crop = RgbImage.filled(3, 1, PAINT);
        DeoccException e = assertThrows(DeoccException.class,
                () -> Compositing.compose(input(), masks(), crop, new Box(1, 2, 2, 1)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("3x1") && e.getMessage().contains("2x1"), e.getMessage());
    }

    @Test
    void recoveredImageOfAnotherSizeIsRejectedNamingBothSizes() {
        DeoccException e = assertThrows(DeoccException.class,
                () -> Compositing.compose(input(), masks(), RgbImage.filled(4, 5, PAINT)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("4x5") && e.getMessage().contains("4x4"), e.getMessage());
    }

    @Test
    void masksOfAnotherSizeAreRejectedNamingBothSizes() {
        BinaryMask visible = BinaryMask.fromIndex(5, 5, i -> i == 6);
        MaskCompletion larger = new MaskCompletion(visible, visible);
        DeoccException e = assertThrows(DeoccException.class,
                () -> Compositing.compose(input(), larger, RgbImage.filled(4, 4, PAINT)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("5x5") && e.getMessage().contains("4x4"), e.getMessage());
    }

    @Test
    void nullArgumentsAreRejectedWithDeoccException() {
        RgbImage paint = RgbImage.filled(4, 4, PAINT);
        Box all = new Box(0, 0, 4, 4);
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> Compositing.compose(null, masks(), paint)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> Compositing.compose(input(), null, paint)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> Compositing.compose(input(), masks(), null)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> Compositing.compose(input(), masks(), paint, null)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> Compositing.compose(null, masks(), paint, all)).errorCode());
    }
}
