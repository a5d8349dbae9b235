package io.deocc.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BoxTest {
    @Test
    void edgesAndArea() {
        Box box = new Box(2, 3, 4, 5);
        assertEquals(6, box.maxX());
        assertEquals(8, box.maxY());
        assertEquals(20, box.area());
        assertEquals(4L * Integer.MAX_VALUE, new Box(0, 0, Integer.MAX_VALUE, 4).area(), "area must not overflow int");
    }

    @Test
    void negativeOriginIsRefusedWithTheValue() {
        DeoccException e = invalid(() -> new Box(-1, 0, 1, 1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        invalid(() -> new Box(0, -5, 1, 1));
    }

    @Test
    void emptySizeIsRefused() {
        DeoccException e = invalid(() -> new Box(0, 0, 0, 3));
        assertTrue(e.getMessage().contains("0x3"), e.getMessage());
        invalid(() -> new Box(0, 0, 3, 0));
        invalid(() -> new Box(0, 0, -2, 3));
    }

    @Test
    void edgeBeyondIntIsRefused() {
        invalid(() -> new Box(Integer.MAX_VALUE, 0, 1, 1));
        invalid(() -> new Box(0, 1, 1, Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, new Box(Integer.MAX_VALUE - 1, 0, 1, 1).maxX());
    }

    @Test
    void fitsIn() {
        Box box = new Box(2, 3, 4, 5);
        assertTrue(box.fitsIn(6, 8));
        assertFalse(box.fitsIn(5, 8));
        assertFalse(box.fitsIn(6, 7));
    }

    @Test
    void unionIsTheSmallestBoxHoldingBoth() {
        Box a = new Box(1, 1, 2, 2); // x 1..2, y 1..2
        Box b = new Box(5, 0, 1, 4); // x 5, y 0..3
        assertEquals(new Box(1, 0, 5, 4), a.union(b));
        assertEquals(a.union(b), b.union(a));
        assertEquals(a, a.union(a));
        Box inner = new Box(2, 2, 1, 1);
        Box outer = new Box(0, 0, 10, 10);
        assertEquals(outer, inner.union(outer));
    }

    @Test
    void unionWithNullIsAnInvalidArgument() {
        invalid(() -> new Box(0, 0, 1, 1).union(null));
    }

    @Test
    void expandGrowsAboutTheCentre() {
        // centre (5, 5); doubled size 4x4 -> x and y from 3 to 7
        assertEquals(new Box(3, 3, 4, 4), new Box(4, 4, 2, 2).expand(2.0, 10, 10));
        // centre (4, 3.5) of a 4x3 box, factor 1.5 -> 6x4.5: x 1..7, y floor(1.25)=1 .. ceil(5.75)=6
        assertEquals(new Box(1, 1, 6, 5), new Box(2, 2, 4, 3).expand(1.5, 20, 20));
    }

    @Test
    void expandByOneIsTheSameBox() {
        Box box = new Box(3, 4, 5, 6);
        assertEquals(box, box.expand(1.0, 100, 100));
    }

    @Test
    void expandIsClippedAtTheTopLeftBorder() {
        // centre (1, 1), 6x6 would start at -2: clipped to 0, end at 4
        assertEquals(new Box(0, 0, 4, 4), new Box(0, 0, 2, 2).expand(3.0, 10, 10));
    }

    @Test
    void expandIsClippedAtTheBottomRightBorder() {
        // centre (9, 9), 6x6 would end at 12: clipped to 10
        Box expanded = new Box(8, 8, 2, 2).expand(3.0, 10, 10);
        assertEquals(new Box(6, 6, 4, 4), expanded);
        assertTrue(expanded.fitsIn(10, 10));
    }

    @Test
    void expandOfTheWholeImageStaysTheWholeImage() {
        assertEquals(new Box(0, 0, 7, 3), new Box(0, 0, 7, 3).expand(4.0, 7, 3));
    }

    @Test
    void expandRefusesBadFactors() {
        Box box = new Box(1, 1, 2, 2);
        DeoccException e = invalid(() -> box.expand(0.5, 10, 10));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        invalid(() -> box.expand(Double.NaN, 10, 10));
        invalid(() -> box.expand(Double.POSITIVE_INFINITY, 10, 10));
    }

    @Test
    void expandRefusesABoxOutsideTheImage() {
        // The result is documented as clipped to the image, which is impossible for a box outside it.
        invalid(() -> new Box(20, 20, 2, 2).expand(2.0, 10, 10));
        invalid(() -> new Box(0, 0, 2, 2).expand(2.0, 0, 0));
    }

    private static DeoccException invalid(Executable call) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode(), e.getMessage());
        return e;
    }
}
