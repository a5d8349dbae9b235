package io.deocc.api.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParsingMapTest {
    // 3x2: background, hair, face / face, left arm, right shoe
    private static final byte[] LABELS = {0, 2, 13, 13, 14, 19};

    @Test
    void lipClassesAreTheTwentyLipLabelsInOrder() {
        // The LIP dataset's label list, 0..19.
        List<String> lip = List.of("background", "hat", "hair", "glove", "sunglasses", "upper-clothes", "dress", "coat",
                "socks", "pants", "jumpsuits", "scarf", "skirt", "face", "left-arm", "right-arm", "left-leg", "right-leg",
                "left-shoe", "right-shoe");
        List<String> ours = Arrays.stream(LipClass.values())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.toList());
        assertEquals(lip, ours);
        assertEquals(20, LipClass.COUNT);
        assertEquals(LipClass.COUNT, LipClass.values().length);
    }

    @Test
    void labelAndOfLabelAreInverse() {
        for (int label = 0; label < LipClass.COUNT; label++) {
            assertEquals(label, LipClass.ofLabel(label).label());
        }
        assertEquals(LipClass.FACE, LipClass.ofLabel(13));
        assertEquals(5, LipClass.UPPER_CLOTHES.label());
    }

    @Test
    void invalidLabelsAreRefused() {
        for (int bad : new int[] {-1, 20, 255}) {
            DeoccException e = assertThrows(DeoccException.class, () -> LipClass.ofLabel(bad));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void mapRefusesLabelsOutsideLip() {
        DeoccException e = assertThrows(DeoccException.class, () -> ParsingMap.of(2, 1, new byte[] {0, 20}));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("20") && e.getMessage().contains("(1, 0)"), e.getMessage());
        // bytes above 127 are negative in Java: they must not slip through as valid labels
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> ParsingMap.of(1, 1, new byte[] {(byte) 200})).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> ParsingMap.of(2, 2, new byte[3])).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> ParsingMap.of(2, 2, null)).errorCode());
    }

    @Test
    void getAndLabel() {
        ParsingMap map = ParsingMap.of(3, 2, LABELS);
        assertEquals(LipClass.BACKGROUND, map.get(0, 0));
        assertEquals(LipClass.HAIR, map.get(1, 0));
        assertEquals(LipClass.LEFT_ARM, map.get(1, 1));
        assertEquals(LipClass.RIGHT_SHOE, map.get(2, 1));
        assertEquals(13, map.label(3));
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> map.get(3, 0)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> map.label(6)).errorCode());
    }

    @Test
    void foregroundAndClassMasks() {
        ParsingMap map = ParsingMap.of(3, 2, LABELS);
        assertArrayEquals(new boolean[] {false, true, true, true, true, true}, map.foreground().toArray());
        assertArrayEquals(new boolean[] {false, false, true, true, false, false}, map.maskOf(LipClass.FACE).toArray());
        assertTrue(map.maskOf(LipClass.HAT).isEmpty());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> map.maskOf(null)).errorCode());
    }

    @Test
    void copySemantics() {
        byte[] labels = LABELS.clone();
        ParsingMap map = ParsingMap.of(3, 2, labels);
        labels[0] = 5;
        map.toArray()[0] = 5;
        assertEquals(LipClass.BACKGROUND, map.get(0, 0));
        assertArrayEquals(LABELS, map.toArray());
    }

    @Test
    void equalityIsByValue() {
        assertEquals(ParsingMap.of(3, 2, LABELS), ParsingMap.of(3, 2, LABELS.clone()));
        assertEquals(ParsingMap.of(3, 2, LABELS).hashCode(), ParsingMap.of(3, 2, LABELS.clone()).hashCode());
        assertNotEquals(ParsingMap.of(3, 2, LABELS), ParsingMap.of(2, 3, LABELS));
    }

    @Test
    void restrictingKeepsLabelsInsideTheRegionOnly() {
        ParsingMap parsing = ParsingMap.of(3, 1, new byte[] {2, 5, 7});
        BinaryMask region = BinaryMask.of(3, 1, new boolean[] {true, false, true});
        assertArrayEquals(new byte[] {2, 0, 7}, parsing.restrictedTo(region).toArray());
        DeoccException e = assertThrows(DeoccException.class, () -> parsing.restrictedTo(BinaryMask.empty(2, 1)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
    }
}
