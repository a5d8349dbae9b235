package io.deocc.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.ParsingMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaskCompletionTest {
    // 6x6 image: visible upper body rows 0..1 (2x2), whole body rows 0..3 (2x4)
    private static final BinaryMask VISIBLE = BinaryMask.ofBox(6, 6, new Box(2, 0, 2, 2));
    private static final BinaryMask AMODAL = BinaryMask.ofBox(6, 6, new Box(2, 0, 2, 4));

    @Test
    void invisibleIsAmodalMinusVisible() {
        MaskCompletion masks = new MaskCompletion(VISIBLE, AMODAL);
        assertEquals(BinaryMask.ofBox(6, 6, new Box(2, 2, 2, 2)), masks.invisible());
        assertEquals(0.5, masks.visibleRatio(), 1e-12);
        assertEquals(Optional.empty(), masks.visibleParsing());
        assertEquals(Optional.empty(), masks.amodalParsing());
    }

    @Test
    void nothingHiddenGivesAnEmptyInvisibleMask() {
        MaskCompletion masks = new MaskCompletion(VISIBLE, VISIBLE);
        assertTrue(masks.invisible().isEmpty());
        assertEquals(1.0, masks.visibleRatio());
    }

    @Test
    void emptyAmodalHasRatioOne() {
        BinaryMask empty = BinaryMask.empty(6, 6);
        assertEquals(1.0, new MaskCompletion(empty, empty).visibleRatio());
    }

    @Test
    void amodalMustContainTheRefinedVisibleMask() {
        BinaryMask partly = BinaryMask.ofBox(6, 6, new Box(3, 0, 2, 4)); // misses column 2 of the visible mask
        DeoccException e = assertThrows(DeoccException.class, () -> new MaskCompletion(VISIBLE, partly));
        // a completer that breaks this is buggy, not the caller
        assertEquals(ErrorCode.INTERNAL, e.errorCode());
        assertTrue(e.getMessage().contains("amodal"), e.getMessage());
    }

    @Test
    void amodalOfAnotherSizeIsSizeMismatch() {
        DeoccException e = assertThrows(DeoccException.class, () -> new MaskCompletion(VISIBLE, BinaryMask.ofBox(7, 6, new Box(2, 0, 2, 4))));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("7x6") && e.getMessage().contains("6x6"), e.getMessage());
    }

    @Test
    void parsingsMustHaveTheImageSize() {
        ParsingMap right = ParsingMap.of(6, 6, new byte[36]);
        ParsingMap wrong = ParsingMap.of(4, 9, new byte[36]);
        MaskCompletion ok = new MaskCompletion(VISIBLE, AMODAL, Optional.of(right), Optional.of(right));
        assertEquals(Optional.of(right), ok.amodalParsing());
        assertEquals(ErrorCode.SIZE_MISMATCH, assertThrows(DeoccException.class,
                () -> new MaskCompletion(VISIBLE, AMODAL, Optional.of(wrong), Optional.empty())).errorCode());
        assertEquals(ErrorCode.SIZE_MISMATCH, assertThrows(DeoccException.class,
                () -> new MaskCompletion(VISIBLE, AMODAL, Optional.empty(), Optional.of(wrong))).errorCode());
    }

    @Test
    void nullsAreInvalidArguments() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> new MaskCompletion(null, AMODAL)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> new MaskCompletion(VISIBLE, null)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> new MaskCompletion(VISIBLE, AMODAL, null, Optional.empty())).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> new MaskCompletion(VISIBLE, AMODAL, Optional.empty(), null)).errorCode());
    }
}
