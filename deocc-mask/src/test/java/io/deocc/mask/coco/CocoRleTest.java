package io.deocc.mask.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CocoRleTest {
    /**
     * A 4 wide, 3 high mask:
     * <pre>
     * row 0: . # # .
     * row 1: . # . .
     * row 2: # # . .
     * </pre>
     * Column-major (down each column): col 0 = 0 0 1, col 1 = 1 1 1, col 2 = 1 0 0, col 3 = 0 0 0,
     * i.e. 0 0 | 1 1 1 1 1 | 0 0 0 0 0 -> counts [2, 5, 5] (sum 12 = 4 * 3).
     */
    private static final BinaryMask SMALL = BinaryMask.of(4, 3, new boolean[] {
        false, true, true, false,
        false, true, false, false,
        true, true, false, false,
    });

    @Test
    void encodesTheHandComputedColumnMajorCounts() {
        CocoRle rle = CocoRle.encode(SMALL);
        assertEquals(4, rle.width());
        assertEquals(3, rle.height());
        assertArrayEquals(new int[] {2, 5, 5}, rle.counts());
        assertEquals(5, rle.area());
    }

    @Test
    void decodesTheHandComputedCounts() {
        assertEquals(SMALL, CocoRle.ofCounts(4, 3, new int[] {2, 5, 5}).toMask());
    }

    @Test
    void smallCountsCompressToOneCharacterEach() {
        // 2 -> '0'+2 = '2'; 5 -> '5'; the third count (index 2) is not a difference yet -> '5'.
        assertEquals("255", CocoRle.encode(SMALL).toCompressedString());
        assertEquals(SMALL, CocoRle.ofCompressed(4, 3, "255").toMask());
    }

    /**
     * Counts [3, 40, 2, 1] worked through the algorithm by hand:
     * <ul>
     * <li>3: group 3, nothing left -> '3';
     * <li>40 = 0b1_01000: low group 8, 1 left, so 8|0x20 = 40 -> 'X'; then group 1 -> '1';
     * <li>2 -> '2';
     * <li>index 3 stores 1 - counts[1] = -39; -39 & 31 = 25 (0b11001), -39 >> 5 = -2; sign bit
     *     0x10 is set but -2 is not -1, so more follows: 25|0x20 = 57 -> 'i'; -2 & 31 = 30, -2 >> 5
     *     = -1 with the sign bit set, so it stops: 30 -> 'N'.
     * </ul>
     */
    @Test
    void compressedStringWithMultiCharacterAndNegativeDifferenceMatchesHandDerivation() {
        CocoRle rle = CocoRle.ofCounts(23, 2, new int[] {3, 40, 2, 1});
        assertEquals("3X12iN", rle.toCompressedString());
        assertArrayEquals(new int[] {3, 40, 2, 1}, CocoRle.ofCompressed(23, 2, "3X12iN").counts());
    }

    @Test
    void randomMasksRoundTripThroughCountsAndString() {
        Random random = new Random(42);
        for (int trial = 0; trial < 50; trial++) {
            int w = 1 + random.nextInt(40);
            int h = 1 + random.nextInt(40);
            double density = random.nextDouble();
            boolean[] bits = new boolean[w * h];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = random.nextDouble() < density;
            }
            BinaryMask mask = BinaryMask.of(w, h, bits);
            CocoRle rle = CocoRle.encode(mask);
            assertEquals(mask, rle.toMask(), "counts round trip, trial " + trial);
            assertEquals(mask.area(), rle.area());
            CocoRle parsed = CocoRle.ofCompressed(w, h, rle.toCompressedString());
            assertEquals(rle, parsed, "string round trip, trial " + trial);
            assertEquals(mask, parsed.toMask(w, h));
        }
    }

    @Test
    void largeRunsNeedingManyGroupsRoundTrip() {
        // One foreground pixel at the end of a 3000x3000 mask: runs 8_999_999 and 1.
        CocoRle rle = CocoRle.ofCounts(3000, 3000, new int[] {8_999_999, 1});
        assertEquals(rle, CocoRle.ofCompressed(3000, 3000, rle.toCompressedString()));
    }

    @Test
    void fullAndEmptyMasksEncodeWithALeadingBackgroundRun() {
        assertArrayEquals(new int[] {0, 6}, CocoRle.encode(BinaryMask.fromIndex(2, 3, i -> true)).counts());
        assertArrayEquals(new int[] {6}, CocoRle.encode(BinaryMask.empty(2, 3)).counts());
    }

    @Test
    void countsThatDoNotCoverTheMaskAreRejected() {
        DeoccException e = assertThrows(DeoccException.class, () -> CocoRle.ofCounts(4, 3, new int[] {2, 5, 4}));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("11") && e.getMessage().contains("12"), e.getMessage());
        assertEquals(ErrorCode.ANNOTATION_INVALID, assertThrows(DeoccException.class, () -> CocoRle.ofCompressed(4, 3, "25")).errorCode());
    }

    @Test
    void negativeRunsAreRejected() {
        DeoccException e = assertThrows(DeoccException.class, () -> CocoRle.ofCounts(4, 3, new int[] {14, -2}));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        // 'O' = '0' + 31: no continuation bit, sign bit 0x10 set, so it decodes to 31 | (-1 << 5) = -1.
        DeoccException negative = assertThrows(DeoccException.class, () -> CocoRle.ofCompressed(4, 3, "O"));
        assertEquals(ErrorCode.ANNOTATION_INVALID, negative.errorCode());
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
    }

    @Test
    void malformedStringsNameThePosition() {
        DeoccException badChar = assertThrows(DeoccException.class, () -> CocoRle.ofCompressed(4, 3, "25 5"));
        assertEquals(ErrorCode.ANNOTATION_INVALID, badChar.errorCode());
        assertTrue(badChar.getMessage().contains("position 2"), badChar.getMessage());

        // 'X' has the continuation bit set, so the string ends in the middle of a value.
        DeoccException truncated = assertThrows(DeoccException.class, () -> CocoRle.ofCompressed(4, 3, "25X"));
        assertEquals(ErrorCode.ANNOTATION_INVALID, truncated.errorCode());
        assertTrue(truncated.getMessage().contains("position 2"), truncated.getMessage());

        DeoccException endless = assertThrows(DeoccException.class, () -> CocoRle.ofCompressed(4, 3, "XXXXXXXXXX1"));
        assertEquals(ErrorCode.ANNOTATION_INVALID, endless.errorCode());
    }

    @Test
    void decodingAtAnotherSizeIsASizeMismatch() {
        CocoRle rle = CocoRle.encode(SMALL);
        assertEquals(ErrorCode.SIZE_MISMATCH, assertThrows(DeoccException.class, () -> rle.toMask(3, 4)).errorCode());
    }

    @Test
    void countsAreDefensivelyCopied() {
        int[] counts = {2, 5, 5};
        CocoRle rle = CocoRle.ofCounts(4, 3, counts);
        counts[0] = 99;
        rle.counts()[1] = 99;
        assertArrayEquals(new int[] {2, 5, 5}, rle.counts());
    }

    @Test
    void nullArgumentsAreDeoccErrors() {
        assertThrows(DeoccException.class, () -> CocoRle.ofCounts(1, 1, null));
        assertThrows(DeoccException.class, () -> CocoRle.ofCompressed(1, 1, null));
        assertThrows(DeoccException.class, () -> CocoRle.encode(null));
    }
}
