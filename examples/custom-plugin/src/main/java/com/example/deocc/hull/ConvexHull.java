package com.example.deocc.hull;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.BinaryMask;
import java.util.Arrays;

/**
 * The convex hull of a binary mask, drawn back onto the mask's pixel grid.
 *
 * <p>Each pixel stands for its centre point {@code (x, y)}. The hull is the smallest convex polygon
 * holding the centres of all set pixels, optionally grown by a margin; a pixel belongs to the
 * result when its centre lies inside the polygon or on its boundary. So the result always contains
 * the input, and an input that is already a filled convex polygon comes back unchanged. All
 * arithmetic is on integers, so the result does not depend on floating-point rounding.
 */
public final class ConvexHull {
    /** The largest margin accepted, in pixels. */
    public static final int MAX_MARGIN = 64;

    private ConvexHull() {}

    /** The filled convex hull of {@code mask}'s set pixels; empty for an empty mask. */
    public static BinaryMask of(BinaryMask mask) {
        return of(mask, 0);
    }

    /**
     * The filled convex hull of {@code mask}'s set pixels grown by {@code margin} pixels in every
     * direction (the hull of the pixels' surrounding squares of side {@code 2 * margin + 1}),
     * clipped to the mask's size; empty for an empty mask.
     *
     * @param margin 0 to {@value #MAX_MARGIN}
     */
    public static BinaryMask of(BinaryMask mask, int margin) {
        checkNotNull(mask, "mask");
        checkArgument(margin >= 0 && margin <= MAX_MARGIN,
                "hull margin " + margin + " is out of range: give 0 to " + MAX_MARGIN + " pixels");
        if (mask.isEmpty()) {
            return BinaryMask.empty(mask.width(), mask.height());
        }
        long[] hull = hullOf(rowExtremes(mask, margin));
        return fill(hull, mask.width(), mask.height());
    }

    /**
     * The candidate hull vertices: only the leftmost and rightmost set pixel of a row can be a
     * vertex, which cuts the points from the mask's area to at most two per row (four per row
     * once a margin turns each into the corners of a square).
     */
    private static long[] rowExtremes(BinaryMask mask, int margin) {
        int width = mask.width();
        long[] points = new long[mask.height() * 4];
        int n = 0;
        for (int y = 0; y < mask.height(); y++) {
            int row = y * width;
            int left = 0;
            while (left < width && !mask.get(row + left)) {
                left++;
            }
            if (left == width) {
                continue;
            }
            int right = width - 1;
            while (!mask.get(row + right)) {
                right--;
            }
            // The left pixel's right-hand corners lie between the two rows' outer corners, so only
            // the outer corners can be vertices.
            points[n++] = pack(left - margin, y - margin);
            points[n++] = pack(left - margin, y + margin);
            points[n++] = pack(right + margin, y - margin);
            points[n++] = pack(right + margin, y + margin);
        }
        return Arrays.copyOf(points, n);
    }

    /**
     * Andrew's monotone chain: the hull's vertices in counter-clockwise order (with y pointing
     * down, clockwise on screen), without collinear points; one or two points for degenerate input.
     */
    private static long[] hullOf(long[] points) {
        long[] sorted = Arrays.stream(points).sorted().distinct().toArray();
        if (sorted.length <= 2) {
            return sorted;
        }
        long[] hull = new long[2 * sorted.length];
        int k = 0;
        for (long p : sorted) { // lower chain
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        int lowerEnd = k + 1;
        for (int i = sorted.length - 2; i >= 0; i--) { // upper chain
            long p = sorted[i];
            while (k >= lowerEnd && cross(hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        return Arrays.copyOf(hull, k - 1); // the last point repeats the first
    }

    /** Sets every pixel whose centre lies in the convex polygon (or on its edges), row by row. */
    private static BinaryMask fill(long[] hull, int width, int height) {
        boolean[] bits = new boolean[width * height];
        int n = hull.length;
        int top = Integer.MAX_VALUE;
        int bottom = Integer.MIN_VALUE;
        for (long p : hull) {
            top = Math.min(top, y(p));
            bottom = Math.max(bottom, y(p));
        }
        for (int y = Math.max(0, top); y <= Math.min(height - 1, bottom); y++) {
            // A horizontal line meets a convex polygon in one segment; its ends are the extreme
            // crossings over all edges. ceil(min) == min(ceil) and floor(max) == max(floor).
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long a = hull[i];
                long b = hull[(i + 1) % n];
                int ay = y(a);
                int by = y(b);
                if (y < Math.min(ay, by) || y > Math.max(ay, by)) {
                    continue;
                }
                if (ay == by) {
                    from = Math.min(from, Math.min(x(a), x(b)));
                    to = Math.max(to, Math.max(x(a), x(b)));
                } else {
                    // x = ax + (y - ay) * (bx - ax) / (by - ay), rounded both ways exactly
                    long num = (long) (y - ay) * (x(b) - x(a));
                    long den = by - ay;
                    if (den < 0) {
                        num = -num;
                        den = -den;
                    }
                    from = Math.min(from, x(a) - Math.floorDiv(-num, den));
                    to = Math.max(to, x(a) + Math.floorDiv(num, den));
                }
            }
            int start = (int) Math.max(0, from);
            int end = (int) Math.min(width - 1, to);
            if (start <= end) {
                Arrays.fill(bits, y * width + start, y * width + end + 1, true);
            }
        }
        return BinaryMask.of(width, height, bits);
    }

    /** z-component of (b - a) x (c - a): positive when a, b, c turn counter-clockwise (in x-right, y-up terms). */
    private static long cross(long a, long b, long c) {
        return (long) (x(b) - x(a)) * (y(c) - y(a)) - (long) (y(b) - y(a)) * (x(c) - x(a));
    }

    /**
     * One point in a long: x in the high half, y biased to be non-negative in the low half, so that
     * numeric order is (x, then y) order even for the negative coordinates a margin creates.
     */
    private static long pack(int x, int y) {
        return ((long) x << 32) + ((long) y - Integer.MIN_VALUE);
    }

    private static int x(long p) {
        return (int) (p >> 32);
    }

    private static int y(long p) {
        return (int) ((p & 0xFFFFFFFFL) + Integer.MIN_VALUE);
    }
}
