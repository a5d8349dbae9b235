package io.deocc.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.junit.jupiter.api.Test;

class BinaryMaskTest {
    @Test
    void iouOfOverlappingBoxes() {
        BinaryMask a = BinaryMask.ofBox(10, 10, new Box(0, 0, 4, 4));
        BinaryMask b = BinaryMask.ofBox(10, 10, new Box(2, 2, 4, 4));
        // intersection 2x2 = 4, union 16 + 16 - 4 = 28
        assertEquals(4.0 / 28.0, a.iou(b), 1e-12);
        assertEquals(new Box(0, 0, 6, 6), a.or(b).boundingBox().orElseThrow());
        assertTrue(a.or(b).containsAll(a));
        assertTrue(a.touchesBorder());
    }

    @Test
    void sizeMismatchIsReported() {
        DeoccException e = assertThrows(DeoccException.class, () -> BinaryMask.empty(3, 3).or(BinaryMask.empty(4, 3)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("4x3"), e.getMessage());
    }
}
