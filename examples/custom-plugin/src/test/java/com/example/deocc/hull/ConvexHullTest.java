package com.example.deocc.hull;

import static io.deocc.testkit.DeoccAssertions.assertDeoccError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-worked hulls, and a brute-force oracle on random masks. */
class ConvexHullTest {
    @Test
    void emptyMaskHasAnEmptyHull() {
        BinaryMask hull = ConvexHull.of(BinaryMask.empty(7, 5));
        assertTrue(hull.isEmpty());
        assertEquals(7, hull.width());
        assertEquals(5, hull.height());
    }

    @Test
    void singlePixelIsItsOwnHull() {
        BinaryMask mask = pixels(6, 6, 4, 1);
        assertEquals(mask, ConvexHull.of(mask));
    }

    @Test
    void twoPixelsGiveTheDiagonalBetweenThem() {
        // The segment (1,1)-(5,5) passes exactly through the centres (k,k) and no other centre.
        BinaryMask hull = ConvexHull.of(pixels(8, 8, 1, 1, 5, 5));
        assertEquals(pixels(8, 8, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5), hull);
    }

    @Test
    void filledRectangleIsUnchanged() {
        BinaryMask rectangle = BinaryMask.ofBox(10, 9, new Box(2, 3, 5, 4));
        assertEquals(rectangle, ConvexHull.of(rectangle));
    }

    @Test
    void threeCornersFillTheTriangle() {
        // Hull of (0,0), (4,0), (0,4) is the triangle x >= 0, y >= 0, x + y <= 4.
        BinaryMask hull = ConvexHull.of(pixels(6, 6, 0, 0, 4, 0, 0, 4));
        assertEquals(BinaryMask.fromIndex(6, 6, i -> i % 6 + i / 6 <= 4 && i % 6 <= 4 && i / 6 <= 4), hull);
    }

    @Test
    void gapBetweenTwoPiecesOfABodyIsBridged() {
        // Head and shoulders above an occluding bar, feet below it: the hull closes the gap.
        BinaryMask top = BinaryMask.ofBox(9, 12, new Box(3, 0, 3, 3));
        BinaryMask bottom = BinaryMask.ofBox(9, 12, new Box(3, 8, 3, 3));
        BinaryMask hull = ConvexHull.of(top.or(bottom));
        assertEquals(BinaryMask.ofBox(9, 12, new Box(3, 0, 3, 11)), hull);
    }

    @Test
    void marginGrowsTheHullBySquares() {
        BinaryMask hull = ConvexHull.of(pixels(11, 11, 5, 5), 2);
        assertEquals(BinaryMask.ofBox(11, 11, new Box(3, 3, 5, 5)), hull);
    }

    @Test
    void marginIsClippedAtTheBorder() {
        BinaryMask hull = ConvexHull.of(pixels(6, 6, 0, 0), 2);
        assertEquals(BinaryMask.ofBox(6, 6, new Box(0, 0, 3, 3)), hull);
    }

    @Test
    void invalidArgumentsAreRejectedWithACode() {
        assertDeoccError(ErrorCode.INVALID_ARGUMENT, () -> ConvexHull.of(null), "a null mask");
        assertDeoccError(ErrorCode.INVALID_ARGUMENT, () -> ConvexHull.of(pixels(3, 3, 1, 1), -1), "margin -1");
        assertDeoccError(ErrorCode.INVALID_ARGUMENT, () -> ConvexHull.of(pixels(3, 3, 1, 1), ConvexHull.MAX_MARGIN + 1),
                "margin above the maximum");
    }

    @Test
    void matchesABruteForceHullOnRandomMasks() {
        SplittableRandom random = new SplittableRandom(20_240_601L);
        for (int round = 0; round < 200; round++) {
            int width = 3 + random.nextInt(9);
            int height = 3 + random.nextInt(9);
            int count = 1 + random.nextInt(6);
            List<int[]> points = new ArrayList<>();
            boolean[] bits = new boolean[width * height];
            for (int k = 0; k < count; k++) {
                int x = random.nextInt(width);
                int y = random.nextInt(height);
                points.add(new int[] {x, y});
                bits[y * width + x] = true;
            }
            BinaryMask mask = BinaryMask.of(width, height, bits);
            BinaryMask hull = ConvexHull.of(mask);
            BinaryMask expected = BinaryMask.fromIndex(width, height, i -> insideSomeTriangle(i % width, i / width, points));
            assertEquals(expected, hull, "round " + round + ": hull of " + describe(points) + " in " + width + "x" + height);
            assertTrue(hull.containsAll(mask), "round " + round + ": the hull must contain the mask");
            assertEquals(hull, ConvexHull.of(hull), "round " + round + ": the hull of a hull is itself");
        }
    }

    /**
     * Carathéodory in the plane: a point lies in the hull of a set exactly when it lies in a
     * triangle (possibly degenerate) with corners from the set. Slow, but independent of the
     * monotone chain under test.
     */
    private static boolean insideSomeTriangle(int px, int py, List<int[]> points) {
        for (int[] a : points) {
            for (int[] b : points) {
                for (int[] c : points) {
                    if (inTriangle(px, py, a, b, c)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean inTriangle(int px, int py, int[] a, int[] b, int[] c) {
        long area = cross(a[0], a[1], b[0], b[1], c[0], c[1]);
        if (area == 0) {
            return onSegment(px, py, a, b) || onSegment(px, py, b, c) || onSegment(px, py, a, c);
        }
        long d1 = cross(a[0], a[1], b[0], b[1], px, py);
        long d2 = cross(b[0], b[1], c[0], c[1], px, py);
        long d3 = cross(c[0], c[1], a[0], a[1], px, py);
        boolean hasNegative = d1 < 0 || d2 < 0 || d3 < 0;
        boolean hasPositive = d1 > 0 || d2 > 0 || d3 > 0;
        return !(hasNegative && hasPositive);
    }

    private static boolean onSegment(int px, int py, int[] a, int[] b) {
        return cross(a[0], a[1], b[0], b[1], px, py) == 0
                && px >= Math.min(a[0], b[0]) && px <= Math.max(a[0], b[0])
                && py >= Math.min(a[1], b[1]) && py <= Math.max(a[1], b[1]);
    }

    private static long cross(int ax, int ay, int bx, int by, int cx, int cy) {
        return (long) (bx - ax) * (cy - ay) - (long) (by - ay) * (cx - ax);
    }

    private static String describe(List<int[]> points) {
        StringBuilder out = new StringBuilder();
        for (int[] p : points) {
            out.append('(').append(p[0]).append(',').append(p[1]).append(')');
        }
        return out.toString();
    }

    /** A mask with the pixels at the given x, y pairs set. */
    private static BinaryMask pixels(int width, int height, int... xy) {
        boolean[] bits = new boolean[width * height];
        for (int i = 0; i < xy.length; i += 2) {
            bits[xy[i + 1] * width + xy[i]] = true;
        }
        return BinaryMask.of(width, height, bits);
    }
}
