package io.deocc.mask.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.mask.coco.CocoPolygons.FillRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoPolygonsTest {
    @Test
    void integerSquareCoversExactlyItsPixels() {
        BinaryMask mask = CocoPolygons.of(0, 0, 10, 0, 10, 10, 0, 10).toMask(20, 20);
        assertEquals(BinaryMask.ofBox(20, 20, new Box(0, 0, 10, 10)), mask);
    }

    @Test
    void fractionalSquareHasItsAreaWithinTolerance() {
        // 10 x 10 square shifted by fractions: centres x+0.5 in [2.3, 12.3) are x = 2..11, same for y in [1.7, 11.7).
        BinaryMask mask = CocoPolygons.of(2.3, 1.7, 12.3, 1.7, 12.3, 11.7, 2.3, 11.7).toMask(20, 20);
        assertEquals(100, mask.area(), 4);
        assertEquals(new Box(2, 2, 10, 10), mask.boundingBox().orElseThrow());
    }

    @Test
    void rightTriangleKeepsThePixelsWhoseCentreIsInside() {
        // Centre (x+0.5, y+0.5) is inside x + y < 8 exactly when x + y <= 6: 7+6+...+1 = 28 pixels (true area 32).
        BinaryMask mask = CocoPolygons.of(0, 0, 8, 0, 0, 8).toMask(10, 10);
        assertEquals(BinaryMask.fromIndex(10, 10, i -> i % 10 + i / 10 <= 6), mask);
        assertEquals(28, mask.area());
    }

    @Test
    void diamondAreaIsCloseToTheGeometricArea() {
        // Diamond with half-diagonal 6 around (10, 10): area 2 * 6 * 6 = 72.
        BinaryMask mask = CocoPolygons.of(10, 4, 16, 10, 10, 16, 4, 10).toMask(20, 20);
        assertEquals(72, mask.area(), 72 * 0.1);
    }

    @Test
    void verticesInEitherOrderFillTheSame() {
        BinaryMask clockwise = CocoPolygons.of(1, 1, 9, 2, 7, 8, 2, 6).toMask(12, 12);
        BinaryMask counter = CocoPolygons.of(2, 6, 7, 8, 9, 2, 1, 1).toMask(12, 12);
        assertEquals(clockwise, counter);
        assertEquals(clockwise, CocoPolygons.of(1, 1, 9, 2, 7, 8, 2, 6).toMask(12, 12, FillRule.NON_ZERO));
    }

    @Test
    void polygonsOutsideTheImageAreClipped() {
        BinaryMask mask = CocoPolygons.of(-5, -5, 5, -5, 5, 5, -5, 5).toMask(10, 10);
        assertEquals(BinaryMask.ofBox(10, 10, new Box(0, 0, 5, 5)), mask);
        assertTrue(CocoPolygons.of(20, 20, 30, 20, 30, 30).toMask(10, 10).isEmpty());
    }

    @Test
    void severalPolygonsAreUnited() {
        CocoPolygons parts = CocoPolygons.of(List.of(new double[] {0, 0, 4, 0, 4, 4, 0, 4}, new double[] {6, 6, 10, 6, 10, 10, 6, 10},
                new double[] {2, 2, 5, 2, 5, 5, 2, 5}));
        BinaryMask mask = parts.toMask(12, 12);
        // 16 + 16 + 9 minus the 2x2 overlap of the first and third squares.
        assertEquals(16 + 16 + 9 - 4, mask.area());
        assertEquals(3, parts.polygonCount());
    }

    @Test
    void selfIntersectingStarDiffersByFillRule() {
        double[] star = new double[10];
        for (int k = 0; k < 5; k++) {
            double angle = Math.toRadians(-90 + k * 144);
            star[2 * k] = 25 + 20 * Math.cos(angle);
            star[2 * k + 1] = 25 + 20 * Math.sin(angle);
        }
        CocoPolygons pentagram = CocoPolygons.of(star);
        BinaryMask evenOdd = pentagram.toMask(50, 50, FillRule.EVEN_ODD);
        BinaryMask nonZero = pentagram.toMask(50, 50, FillRule.NON_ZERO);
        assertFalse(evenOdd.get(25, 25), "the inner pentagon is crossed twice: a hole under even-odd");
        assertTrue(nonZero.get(25, 25), "the inner pentagon is wound around twice: filled under non-zero");
        assertTrue(evenOdd.get(25, 8) && nonZero.get(25, 8), "the top point of the star is filled under both rules");
        assertTrue(nonZero.containsAll(evenOdd));
        assertEquals(evenOdd, pentagram.toMask(50, 50), "even-odd is the default");
    }

    @Test
    void emptyListRasterisesToAnEmptyMask() {
        assertTrue(CocoPolygons.of(List.of()).toMask(4, 4).isEmpty());
    }

    @Test
    void oddCoordinateCountIsRejected() {
        DeoccException e = assertThrows(DeoccException.class,
                () -> CocoPolygons.of(List.of(new double[] {0, 0, 1, 0, 1, 1}, new double[] {0, 0, 1, 0, 1})));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("polygon 1") && e.getMessage().contains("odd"), e.getMessage());
    }

    @Test
    void fewerThanThreePointsAreRejected() {
        DeoccException e = assertThrows(DeoccException.class, () -> CocoPolygons.of(0, 0, 5, 5));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("2 points"), e.getMessage());
    }

    @Test
    void nonFiniteCoordinatesAreRejected() {
        DeoccException e = assertThrows(DeoccException.class, () -> CocoPolygons.of(0, 0, Double.NaN, 0, 1, 1));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
    }

    @Test
    void coordinatesAreDefensivelyCopied() {
        double[] coords = {0, 0, 4, 0, 4, 4};
        CocoPolygons polygons = CocoPolygons.of(coords);
        coords[2] = 100;
        polygons.polygon(0)[2] = 100;
        assertEquals(4.0, polygons.polygon(0)[2]);
    }

    @Test
    void invalidSizeOrNullIsADeoccError() {
        CocoPolygons square = CocoPolygons.of(0, 0, 1, 0, 1, 1);
        assertThrows(DeoccException.class, () -> square.toMask(0, 5));
        assertThrows(DeoccException.class, () -> square.toMask(5, 5, null));
        assertThrows(DeoccException.class, () -> CocoPolygons.of((List<double[]>) null));
    }
}
