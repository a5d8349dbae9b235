package io.deocc.api.image;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntPredicate;

/** An immutable binary mask, row-major. Set pixels are foreground. */
public final class BinaryMask {
    private final int width;
    private final int height;
    private final boolean[] bits;
    private final int area;

    private BinaryMask(int width, int height, boolean[] bits) {
        this.width = width;
        this.height = height;
        this.bits = bits;
        int count = 0;
        for (boolean b : bits) {
            if (b) {
                count++;
            }
        }
        this.area = count;
    }

    /** A mask over a copy of {@code bits}. */
    public static BinaryMask of(int width, int height, boolean[] bits) {
        checkNotNull(bits, "bits");
        Images.checkLength("mask", width, height, bits.length);
        return new BinaryMask(width, height, bits.clone());
    }

    /** A mask whose pixel {@code i} (row-major index) is set when {@code foreground.test(i)}. */
    public static BinaryMask fromIndex(int width, int height, IntPredicate foreground) {
        checkNotNull(foreground, "foreground");
        boolean[] bits = new boolean[Images.checkedPixels("mask", width, height)];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = foreground.test(i);
        }
        return new BinaryMask(width, height, bits);
    }

    public static BinaryMask empty(int width, int height) {
        return new BinaryMask(width, height, new boolean[Images.checkedPixels("mask", width, height)]);
    }

    /** A mask that is set inside {@code box}. */
    public static BinaryMask ofBox(int width, int height, Box box) {
        checkNotNull(box, "box");
        checkArgument(box.fitsIn(width, height), box + " does not fit in a " + width + "x" + height + " mask");
        boolean[] bits = new boolean[Images.checkedPixels("mask", width, height)];
        for (int y = box.y(); y < box.maxY(); y++) {
            Arrays.fill(bits, y * width + box.x(), y * width + box.maxX(), true);
        }
        return new BinaryMask(width, height, bits);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean get(int x, int y) {
        Images.checkPixel("mask", x, y, width, height);
        return bits[y * width + x];
    }

    /** The pixel at row-major index {@code i}. */
    public boolean get(int i) {
        if (i < 0 || i >= bits.length) {
            throw DeoccException.invalidArgument("pixel index " + i + " is outside the " + width + "x" + height + " mask: use 0 to " + (bits.length - 1));
        }
        return bits[i];
    }

    /** Number of set pixels. */
    public int area() {
        return area;
    }

    public boolean isEmpty() {
        return area == 0;
    }

    /** The fraction of the mask's pixels that are set. */
    public double coverage() {
        return area / (double) bits.length;
    }

    /** The tight box around the set pixels; empty for an empty mask. */
    public Optional<Box> boundingBox() {
        if (area == 0) {
            return Optional.empty();
        }
        int minX = width, minY = height, maxX = -1, maxY = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (bits[row + x]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = y;
                }
            }
        }
        return Optional.of(new Box(minX, minY, maxX - minX + 1, maxY - minY + 1));
    }

    /** Whether any set pixel lies on the outermost row or column. */
    public boolean touchesBorder() {
        for (int x = 0; x < width; x++) {
            if (bits[x] || bits[(height - 1) * width + x]) {
                return true;
            }
        }
        for (int y = 0; y < height; y++) {
            if (bits[y * width] || bits[y * width + width - 1]) {
                return true;
            }
        }
        return false;
    }

    public BinaryMask or(BinaryMask other) {
        checkSameSize(other);
        boolean[] out = new boolean[bits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bits[i] | other.bits[i];
        }
        return new BinaryMask(width, height, out);
    }

    public BinaryMask and(BinaryMask other) {
        checkSameSize(other);
        boolean[] out = new boolean[bits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bits[i] & other.bits[i];
        }
        return new BinaryMask(width, height, out);
    }

    /** This mask minus {@code other}. */
    public BinaryMask andNot(BinaryMask other) {
        checkSameSize(other);
        boolean[] out = new boolean[bits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bits[i] & !other.bits[i];
        }
        return new BinaryMask(width, height, out);
    }

    public BinaryMask not() {
        boolean[] out = new boolean[bits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = !bits[i];
        }
        return new BinaryMask(width, height, out);
    }

    /** Whether every set pixel of {@code other} is set here. */
    public boolean containsAll(BinaryMask other) {
        checkSameSize(other);
        for (int i = 0; i < bits.length; i++) {
            if (other.bits[i] && !bits[i]) {
                return false;
            }
        }
        return true;
    }

    public int intersectionArea(BinaryMask other) {
        checkSameSize(other);
        int n = 0;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i] & other.bits[i]) {
                n++;
            }
        }
        return n;
    }

    /** Intersection over union; 1 when both masks are empty. */
    public double iou(BinaryMask other) {
        int inter = intersectionArea(other);
        int union = area + other.area - inter;
        return union == 0 ? 1.0 : inter / (double) union;
    }

    public BinaryMask crop(Box box) {
        checkNotNull(box, "box");
        checkArgument(box.fitsIn(width, height), box + " does not fit in the " + width + "x" + height + " mask");
        boolean[] out = new boolean[box.width() * box.height()];
        for (int row = 0; row < box.height(); row++) {
            System.arraycopy(bits, (box.y() + row) * width + box.x(), out, row * box.width(), box.width());
        }
        return new BinaryMask(box.width(), box.height(), out);
    }

    /** A copy of the bits, row-major. */
    public boolean[] toArray() {
        return bits.clone();
    }

    /** An 8-bit grey image: 255 for set pixels, 0 elsewhere. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = bits[y * width + x] ? 255 : 0;
            }
            raster.setSamples(0, y, width, 1, 0, row);
        }
        return image;
    }

    private void checkSameSize(BinaryMask other) {
        checkNotNull(other, "other mask");
        Images.checkSameSize("mask", width, height, "other mask", other.width, other.height);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask other && width == other.width && height == other.height && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "BinaryMask[" + width + "x" + height + ", area=" + area + "]";
    }
}
