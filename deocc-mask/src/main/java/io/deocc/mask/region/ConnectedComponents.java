package io.deocc.mask.region;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The connected components of a binary mask. Every foreground pixel carries the label of its
 * component, background pixels carry 0. Labels run from 1 to {@link #count()} in the order a raster
 * scan (rows top to bottom, each row left to right) first meets each component, so the labelling of
 * a mask never depends on anything but the mask. Immutable and safe to share.
 *
 * <p>Cost: one pass over the pixels plus a breadth-first walk of each component; memory is two
 * {@code int}s per pixel while labelling and one afterwards.
 */
public final class ConnectedComponents {
    /** Which neighbours join two foreground pixels into one component. */
    public enum Connectivity {
        /** Pixels sharing an edge: left, right, up, down. */
        FOUR,
        /** Pixels sharing an edge or a corner: the four above plus the four diagonals. */
        EIGHT
    }

    private static final int INITIAL_CAPACITY = 16;

    private final int width;
    private final int height;
    private final int[] labels;
    private final int count;
    // per label, index 0 unused; boxes as inclusive bounds
    private final int[] areas;
    private final int[] minX;
    private final int[] minY;
    private final int[] maxX;
    private final int[] maxY;

    private ConnectedComponents(int width, int height, int[] labels, int count, int[] areas, int[] minX, int[] minY,
            int[] maxX, int[] maxY) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.count = count;
        this.areas = areas;
        this.minX = minX;
        this.minY = minY;
        this.maxX = maxX;
        this.maxY = maxY;
    }

    /** Labels the components of {@code mask}; an empty mask has none. */
    public static ConnectedComponents of(BinaryMask mask, Connectivity connectivity) {
        checkNotNull(mask, "mask");
        checkNotNull(connectivity, "connectivity");
        int width = mask.width();
        int height = mask.height();
        boolean eight = connectivity == Connectivity.EIGHT;
        int[] labels = new int[width * height];
        // each foreground pixel enters the queue once, so one slot per foreground pixel is enough
        int[] queue = new int[mask.area()];
        int capacity = INITIAL_CAPACITY;
        int[] areas = new int[capacity];
        int[] minX = new int[capacity];
        int[] minY = new int[capacity];
        int[] maxX = new int[capacity];
        int[] maxY = new int[capacity];
        int count = 0;
        for (int start = 0; start < labels.length; start++) {
            if (!mask.get(start) || labels[start] != 0) {
                continue;
            }
            int label = ++count;
            if (label == capacity) {
                capacity = Math.max(capacity + 1, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * capacity));
                areas = Arrays.copyOf(areas, capacity);
                minX = Arrays.copyOf(minX, capacity);
                minY = Arrays.copyOf(minY, capacity);
                maxX = Arrays.copyOf(maxX, capacity);
                maxY = Arrays.copyOf(maxY, capacity);
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            labels[start] = label;
            int x0 = start % width;
            int y0 = start / width;
            int x1 = x0;
            int y1 = y0;
            while (head < tail) {
                int i = queue[head++];
                int x = i % width;
                int y = i / width;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        boolean diagonal = dx != 0 && dy != 0;
                        if (nx < 0 || nx >= width || (dx == 0 && dy == 0) || (diagonal && !eight)) {
                            continue;
                        }
                        int n = ny * width + nx;
                        if (labels[n] == 0 && mask.get(n)) {
                            labels[n] = label;
                            queue[tail++] = n;
                        }
                    }
                }
            }
            areas[label] = tail;
            minX[label] = x0;
            minY[label] = y0;
            maxX[label] = x1;
            maxY[label] = y1;
        }
        return new ConnectedComponents(width, height, labels, count, areas, minX, minY, maxX, maxY);
    }

    /** Width of the labelled mask. */
    public int width() {
        return width;
    }

    /** Height of the labelled mask. */
    public int height() {
        return height;
    }

    /** The number of components; labels run from 1 to this. */
    public int count() {
        return count;
    }

    /** The label of pixel {@code (x, y)}: 0 for background, else 1 to {@link #count()}. */
    public int label(int x, int y) {
        checkArgument(x >= 0 && y >= 0 && x < width && y < height,
                "pixel (" + x + ", " + y + ") is outside the " + width + "x" + height + " mask: give 0 <= x < "
                        + width + " and 0 <= y < " + height);
        return labels[y * width + x];
    }

    /** The label of the pixel at row-major index {@code i}: 0 for background, else 1 to {@link #count()}. */
    public int labelAt(int i) {
        checkArgument(i >= 0 && i < labels.length,
                "pixel index " + i + " is outside the " + width + "x" + height + " mask: give 0 to " + (labels.length - 1));
        return labels[i];
    }

    /** The number of pixels of component {@code label}. */
    public int area(int label) {
        checkLabel(label);
        return areas[label];
    }

    /** The tight box around component {@code label}. */
    public Box box(int label) {
        checkLabel(label);
        return new Box(minX[label], minY[label], maxX[label] - minX[label] + 1, maxY[label] - minY[label] + 1);
    }

    /** Component {@code label} alone, as a mask of the labelled mask's size. */
    public BinaryMask mask(int label) {
        checkLabel(label);
        return BinaryMask.fromIndex(width, height, i -> labels[i] == label);
    }

    /**
     * All labels, largest component first; components of equal area keep their label order, so the
     * result is the same for the same mask.
     */
    public List<Integer> labelsByAreaDescending() {
        return IntStream.rangeClosed(1, count).boxed()
                .sorted(Comparator.comparingInt((Integer label) -> areas[label]).reversed()
                        .thenComparingInt(label -> label))
                .toList();
    }

    private void checkLabel(int label) {
        checkArgument(label >= 1 && label <= count, "component label " + label + " does not exist: this mask has "
                + (count == 0 ? "no components" : "labels 1 to " + count));
    }

    @Override
    public String toString() {
        return "ConnectedComponents[" + width + "x" + height + ", " + count + " components]";
    }
}
