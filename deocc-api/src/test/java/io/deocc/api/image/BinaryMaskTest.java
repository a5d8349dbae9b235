package io.deocc.api.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BinaryMaskTest {
    // 4x3:
    // X X . .
    // . X . .
    // . . . X
    private static final boolean[] BITS = {
        true, true, false, false,
        false, true, false, false,
        false, false, false, true,
    };

    @Test
    void iouOfOverlappingBoxes() {
        BinaryMask a = BinaryMask.ofBox(10, 10, new Box(0, 0, 4, 4));
        BinaryMask b = BinaryMask.ofBox(10, 10, new Box(2, 2, 4, 4));
        // intersection 2x2 = 4, union 16 + 16 - 4 = 28
        assertEquals(4.0 / 28.0, a.iou(b), 1e-12);
        assertEquals(4.0 / 28.0, b.iou(a), 1e-12);
        assertEquals(4, a.intersectionArea(b));
        assertEquals(new Box(0, 0, 6, 6), a.or(b).boundingBox().orElseThrow());
        assertTrue(a.or(b).containsAll(a));
        assertTrue(a.touchesBorder());
    }

    @Test
    void iouEdgeCases() {
        BinaryMask empty = BinaryMask.empty(5, 5);
        BinaryMask box = BinaryMask.ofBox(5, 5, new Box(1, 1, 2, 2));
        assertEquals(1.0, empty.iou(BinaryMask.empty(5, 5)), "two empty masks agree completely");
        assertEquals(0.0, empty.iou(box));
        assertEquals(0.0, box.iou(empty));
        assertEquals(1.0, box.iou(box));
        assertEquals(0.0, box.iou(BinaryMask.ofBox(5, 5, new Box(3, 3, 2, 2))), "disjoint masks");
    }

    @Test
    void sizeMismatchIsReported() {
        DeoccException e = assertThrows(DeoccException.class, () -> BinaryMask.empty(3, 3).or(BinaryMask.empty(4, 3)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("4x3"), e.getMessage());
    }

    @Test
    void everyBinaryOperationChecksTheSize() {
        BinaryMask a = BinaryMask.empty(3, 3);
        BinaryMask b = BinaryMask.empty(3, 4);
        for (Executable call : new Executable[] {
            () -> a.or(b), () -> a.and(b), () -> a.andNot(b), () -> a.containsAll(b), () -> a.intersectionArea(b), () -> a.iou(b)}) {
            assertEquals(ErrorCode.SIZE_MISMATCH, assertThrows(DeoccException.class, call).errorCode());
        }
    }

    @Test
    void nullOtherMaskIsAnInvalidArgument() {
        BinaryMask a = BinaryMask.empty(3, 3);
        for (Executable call : new Executable[] {
            () -> a.or(null), () -> a.and(null), () -> a.andNot(null), () -> a.containsAll(null), () -> a.iou(null), () -> a.crop(null)}) {
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, call).errorCode());
        }
    }

    @Test
    void pixelwiseOperations() {
        BinaryMask a = BinaryMask.of(2, 2, new boolean[] {true, true, false, false});
        BinaryMask b = BinaryMask.of(2, 2, new boolean[] {false, true, true, false});
        assertArrayEquals(new boolean[] {true, true, true, false}, a.or(b).toArray());
        assertArrayEquals(new boolean[] {false, true, false, false}, a.and(b).toArray());
        assertArrayEquals(new boolean[] {true, false, false, false}, a.andNot(b).toArray());
        assertArrayEquals(new boolean[] {false, false, true, true}, a.not().toArray());
        assertArrayEquals(new boolean[] {true, true, false, false}, a.toArray(), "operations leave the operands alone");
    }

    @Test
    void containsAll() {
        BinaryMask big = BinaryMask.ofBox(6, 6, new Box(1, 1, 4, 4));
        BinaryMask small = BinaryMask.ofBox(6, 6, new Box(2, 2, 2, 2));
        assertTrue(big.containsAll(small));
        assertFalse(small.containsAll(big));
        assertTrue(small.containsAll(BinaryMask.empty(6, 6)));
        assertTrue(big.containsAll(big));
    }

    @Test
    void areaAndCoverage() {
        BinaryMask mask = BinaryMask.of(4, 3, BITS);
        assertEquals(4, mask.area());
        assertEquals(4 / 12.0, mask.coverage(), 1e-12);
        assertFalse(mask.isEmpty());
        assertTrue(BinaryMask.empty(4, 3).isEmpty());
        assertEquals(12, mask.or(mask.not()).area());
    }

    @Test
    void getByCoordinatesAndByIndex() {
        BinaryMask mask = BinaryMask.of(4, 3, BITS);
        assertTrue(mask.get(1, 1));
        assertFalse(mask.get(0, 1));
        assertTrue(mask.get(3, 2));
        assertTrue(mask.get(11));
        assertFalse(mask.get(10));
    }

    @Test
    void pixelOutsideIsAnInvalidArgument() {
        BinaryMask mask = BinaryMask.of(4, 3, BITS);
        for (Executable call : new Executable[] {
            () -> mask.get(4, 0), () -> mask.get(0, 3), () -> mask.get(-1, 0), () -> mask.get(12), () -> mask.get(-1)}) {
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, call).errorCode());
        }
    }

    @Test
    void boundingBoxIsTight() {
        assertEquals(Optional.of(new Box(0, 0, 4, 3)), BinaryMask.of(4, 3, BITS).boundingBox());
        BinaryMask single = BinaryMask.fromIndex(5, 4, i -> i == 2 * 5 + 3); // pixel (3, 2)
        assertEquals(Optional.of(new Box(3, 2, 1, 1)), single.boundingBox());
        Box box = new Box(1, 2, 3, 1);
        assertEquals(Optional.of(box), BinaryMask.ofBox(6, 6, box).boundingBox());
        assertEquals(Optional.empty(), BinaryMask.empty(3, 3).boundingBox());
    }

    @Test
    void touchesBorderOnEachSide() {
        assertFalse(BinaryMask.ofBox(5, 5, new Box(1, 1, 3, 3)).touchesBorder());
        assertFalse(BinaryMask.empty(5, 5).touchesBorder());
        assertTrue(BinaryMask.ofBox(5, 5, new Box(0, 2, 1, 1)).touchesBorder(), "left");
        assertTrue(BinaryMask.ofBox(5, 5, new Box(4, 2, 1, 1)).touchesBorder(), "right");
        assertTrue(BinaryMask.ofBox(5, 5, new Box(2, 0, 1, 1)).touchesBorder(), "top");
        assertTrue(BinaryMask.ofBox(5, 5, new Box(2, 4, 1, 1)).touchesBorder(), "bottom");
        assertTrue(BinaryMask.ofBox(1, 1, new Box(0, 0, 1, 1)).touchesBorder());
    }

    @Test
    void cropCopiesTheBox() {
        BinaryMask mask = BinaryMask.of(4, 3, BITS);
        BinaryMask crop = mask.crop(new Box(1, 1, 3, 2));
        assertEquals(3, crop.width());
        assertEquals(2, crop.height());
        assertArrayEquals(new boolean[] {true, false, false, false, false, true}, crop.toArray());
        assertEquals(2, crop.area());
        assertEquals(mask, mask.crop(new Box(0, 0, 4, 3)));
    }

    @Test
    void cropOutsideIsRefused() {
        BinaryMask mask = BinaryMask.of(4, 3, BITS);
        DeoccException e = assertThrows(DeoccException.class, () -> mask.crop(new Box(2, 0, 3, 1)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
    }

    @Test
    void copySemantics() {
        boolean[] bits = BITS.clone();
        BinaryMask mask = BinaryMask.of(4, 3, bits);
        bits[2] = true;
        assertFalse(mask.get(2, 0), "changing the input array must not change the mask");
        mask.toArray()[2] = true;
        assertFalse(mask.get(2, 0), "changing the returned array must not change the mask");
        assertEquals(4, mask.area());
    }

    @Test
    void ofBoxMustFit() {
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> BinaryMask.ofBox(4, 4, new Box(3, 0, 2, 1))).errorCode());
        assertEquals(6, BinaryMask.ofBox(4, 4, new Box(1, 1, 3, 2)).area());
    }

    @Test
    void constructionRefusesBadSizes() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> BinaryMask.of(4, 3, new boolean[11])).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> BinaryMask.empty(0, 3)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> BinaryMask.fromIndex(3, -1, i -> true)).errorCode());
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, assertThrows(DeoccException.class, () -> BinaryMask.empty(70_000, 70_000)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> BinaryMask.of(1, 1, null)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> BinaryMask.fromIndex(1, 1, null)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> BinaryMask.ofBox(1, 1, null)).errorCode());
    }

    @Test
    void bufferedImageIsGreyWith255ForForeground() {
        BufferedImage image = BinaryMask.of(4, 3, BITS).toBufferedImage();
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        assertEquals(255, image.getRaster().getSample(1, 1, 0));
        assertEquals(0, image.getRaster().getSample(2, 1, 0));
        assertEquals(255, image.getRaster().getSample(3, 2, 0));
    }

    @Test
    void equalityIsByValue() {
        assertEquals(BinaryMask.of(4, 3, BITS), BinaryMask.fromIndex(4, 3, i -> BITS[i]));
        assertEquals(BinaryMask.of(4, 3, BITS).hashCode(), BinaryMask.fromIndex(4, 3, i -> BITS[i]).hashCode());
        assertNotEquals(BinaryMask.of(4, 3, BITS), BinaryMask.of(3, 4, BITS), "same bits, different shape");
        assertNotEquals(BinaryMask.empty(2, 2), BinaryMask.empty(2, 2).not());
    }
}
