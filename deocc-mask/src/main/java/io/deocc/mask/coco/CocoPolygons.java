package io.deocc.mask.coco;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A COCO polygon segmentation: one or more polygons {@code [x1, y1, x2, y2, ...]} in pixel
 * coordinates, where pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)}. An object split in
 * parts (a person behind a pole) has several polygons; its mask is their union.
 *
 * <p>Rasterisation samples pixel centres: a pixel is set when its centre {@code (i+0.5, j+0.5)}
 * lies inside a polygon, which gives an axis-aligned square {@code [0,10] x [0,10]} exactly 100
 * pixels. pycocotools rasterises on an upsampled grid instead and differs from this by at most
 * about one pixel along the outline. Coordinates outside the image are clipped, not rejected.
 */
public final class CocoPolygons implements CocoSegmentation {
    /** How a self-intersecting polygon is filled; simple polygons fill the same under both. */
    public enum FillRule {
        /** Inside when a ray from the point crosses the outline an odd number of times. */
        EVEN_ODD,
        /** Inside when the outline winds around the point a non-zero number of times. */
        NON_ZERO
    }

    private final List<double[]> polygons;

    private CocoPolygons(List<double[]> polygons) {
        this.polygons = polygons;
    }

    /**
     * Polygons from their flat coordinate lists. An empty list is allowed (some exporters write
     * {@code []} for objects they have only a box for) and rasterises to an empty mask.
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} for an odd number of coordinates, fewer than 3
     *     points, or a coordinate that is not a finite number, naming the polygon's index
     */
    public static CocoPolygons of(List<double[]> polygons) {
        checkNotNull(polygons, "polygons");
        List<double[]> copies = new ArrayList<>(polygons.size());
        for (int p = 0; p < polygons.size(); p++) {
            double[] coords = checkNotNull(polygons.get(p), "polygon " + p);
            if (coords.length % 2 != 0) {
                throw invalid("polygon " + p + " has " + coords.length + " coordinates, an odd number: give x,y pairs");
            }
            if (coords.length < 6) {
                throw invalid("polygon " + p + " has " + coords.length / 2 + " points: a polygon needs at least 3");
            }
            for (int i = 0; i < coords.length; i++) {
                if (!Double.isFinite(coords[i])) {
                    throw invalid("polygon " + p + " coordinate " + i + " is " + coords[i] + ": give finite numbers");
                }
            }
            copies.add(coords.clone());
        }
        return new CocoPolygons(List.copyOf(copies));
    }

    /** Convenience for tests and hand-written data: a single polygon. */
    public static CocoPolygons of(double... coords) {
        return of(List.of(checkNotNull(coords, "coords")));
    }

    public int polygonCount() {
        return polygons.size();
    }

    /** A copy of polygon {@code index}'s flat coordinates. */
    public double[] polygon(int index) {
        DeoccException.checkArgument(index >= 0 && index < polygons.size(),
                "polygon index " + index + " is outside 0.." + (polygons.size() - 1));
        return polygons.get(index).clone();
    }

    /** The union of the polygons, each filled with {@link FillRule#EVEN_ODD}. */
    @Override
    public BinaryMask toMask(int width, int height) {
        return toMask(width, height, FillRule.EVEN_ODD);
    }

    /** The union of the polygons, each filled with {@code rule}. */
    public BinaryMask toMask(int width, int height, FillRule rule) {
        checkNotNull(rule, "rule");
        BinaryMask empty = BinaryMask.empty(width, height); // validates the size before allocating more
        boolean[] bits = new boolean[width * height];
        boolean any = false;
        for (double[] polygon : polygons) {
            any |= fill(polygon, width, height, rule, bits);
        }
        return any ? BinaryMask.of(width, height, bits) : empty;
    }

    /** Scan-line fill of one polygon into {@code bits}; returns whether any pixel was set. */
    private static boolean fill(double[] polygon, int width, int height, FillRule rule, boolean[] bits) {
        int points = polygon.length / 2;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points; i++) {
            minY = Math.min(minY, polygon[2 * i + 1]);
            maxY = Math.max(maxY, polygon[2 * i + 1]);
        }
        // Rows whose centre y+0.5 lies in [minY, maxY).
        int firstRow = (int) Math.max(0, Math.ceil(minY - 0.5));
        int lastRow = (int) Math.min(height - 1, Math.ceil(maxY - 0.5) - 1);
        double[] up = new double[points];
        double[] down = new double[points];
        boolean any = false;
        for (int row = firstRow; row <= lastRow; row++) {
            double cy = row + 0.5;
            int ups = 0;
            int downs = 0;
            for (int i = 0; i < points; i++) {
                int j = (i + 1) % points;
                double x0 = polygon[2 * i];
                double y0 = polygon[2 * i + 1];
                double x1 = polygon[2 * j];
                double y1 = polygon[2 * j + 1];
                // Half-open in y so that a vertex shared by two edges is counted once.
                if (y0 <= cy && cy < y1) {
                    up[ups++] = x0 + (cy - y0) * (x1 - x0) / (y1 - y0);
                } else if (y1 <= cy && cy < y0) {
                    down[downs++] = x0 + (cy - y0) * (x1 - x0) / (y1 - y0);
                }
            }
            any |= fillRow(row, width, rule, up, ups, down, downs, bits);
        }
        return any;
    }

    private static boolean fillRow(int row, int width, FillRule rule, double[] up, int ups, double[] down, int downs, boolean[] bits) {
        Arrays.sort(up, 0, ups);
        Arrays.sort(down, 0, downs);
        boolean any = false;
        int u = 0;
        int d = 0;
        int winding = 0;
        int crossings = 0;
        double spanStart = 0;
        // Walk the crossings left to right by merging the two sorted lists.
        while (u < ups || d < downs) {
            boolean takeUp = d >= downs || (u < ups && up[u] <= down[d]);
            double x = takeUp ? up[u++] : down[d++];
            boolean wasInside = rule == FillRule.EVEN_ODD ? crossings % 2 != 0 : winding != 0;
            crossings++;
            winding += takeUp ? 1 : -1;
            boolean isInside = rule == FillRule.EVEN_ODD ? crossings % 2 != 0 : winding != 0;
            if (!wasInside && isInside) {
                spanStart = x;
            } else if (wasInside && !isInside) {
                any |= fillSpan(row, width, spanStart, x, bits);
            }
        }
        return any;
    }

    /** Sets the pixels of {@code row} whose centre lies in {@code [from, to)}. */
    private static boolean fillSpan(int row, int width, double from, double to, boolean[] bits) {
        int first = (int) Math.max(0, Math.ceil(from - 0.5));
        int end = (int) Math.min(width, Math.ceil(to - 0.5));
        if (first >= end) {
            return false;
        }
        Arrays.fill(bits, row * width + first, row * width + end, true);
        return true;
    }

    private static DeoccException invalid(String message) {
        return new DeoccException(ErrorCode.ANNOTATION_INVALID, message);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CocoPolygons other) || other.polygons.size() != polygons.size()) {
            return false;
        }
        for (int i = 0; i < polygons.size(); i++) {
            if (!Arrays.equals(polygons.get(i), other.polygons.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (double[] polygon : polygons) {
            hash = 31 * hash + Arrays.hashCode(polygon);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "CocoPolygons[" + polygons.size() + " polygon(s)]";
    }
}
