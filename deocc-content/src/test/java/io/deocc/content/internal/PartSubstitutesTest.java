package io.deocc.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deocc.api.image.LipClass;
import org.junit.jupiter.api.Test;

class PartSubstitutesTest {
    private static boolean[] visible(LipClass... parts) {
        boolean[] seen = new boolean[LipClass.COUNT];
        for (LipClass part : parts) {
            seen[part.label()] = true;
        }
        return seen;
    }

    private static int substitute(LipClass wanted, boolean[] seen) {
        return PartSubstitutes.sourcePartFor(wanted.label(), seen);
    }

    @Test
    void visiblePartIsItsOwnSource() {
        assertEquals(LipClass.PANTS.label(), substitute(LipClass.PANTS, visible(LipClass.PANTS, LipClass.UPPER_CLOTHES)));
    }

    @Test
    void hiddenLimbCopiesItsTwin() {
        boolean[] seen = visible(LipClass.RIGHT_ARM, LipClass.FACE, LipClass.RIGHT_SHOE);
        assertEquals(LipClass.RIGHT_ARM.label(), substitute(LipClass.LEFT_ARM, seen));
        assertEquals(LipClass.RIGHT_SHOE.label(), substitute(LipClass.LEFT_SHOE, seen));
    }

    @Test
    void hiddenSkinWithoutTwinCopiesOtherSkin() {
        assertEquals(LipClass.FACE.label(), substitute(LipClass.LEFT_LEG, visible(LipClass.FACE, LipClass.PANTS)));
    }

    @Test
    void partWithoutAnySubstituteMayCopyAnything() {
        boolean[] seen = visible(LipClass.PANTS);
        assertEquals(ExemplarInpainter.ANY_PART, substitute(LipClass.HAT, seen));
        assertEquals(ExemplarInpainter.ANY_PART, substitute(LipClass.LEFT_SHOE, seen));
        assertEquals(ExemplarInpainter.ANY_PART, PartSubstitutes.sourcePartFor(0, seen));
    }
}
