package io.deocc.api.image;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.Arrays;

/** An immutable human parsing map: one {@link LipClass} label per pixel, row-major. */
public final class ParsingMap {
    private final int width;
    private final int height;
    private final byte[] labels;

    private ParsingMap(int width, int height, byte[] labels) {
        this.width = width;
        this.height = height;
        this.labels = labels;
    }

    /** A map over a copy of {@code labels}; every value must be a LIP label (0..19). */
    public static ParsingMap of(int width, int height, byte[] labels) {
        checkNotNull(labels, "labels");
        Images.checkLength("parsing map", width, height, labels.length);
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= LipClass.COUNT) {
                checkArgument(false, "parsing label " + label + " at pixel (" + i % width + ", " + i / width
                        + ") is not a LIP class: labels run from 0 to " + (LipClass.COUNT - 1));
            }
        }
        return new ParsingMap(width, height, labels.clone());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public LipClass get(int x, int y) {
        Images.checkPixel("parsing map", x, y, width, height);
        return LipClass.ofLabel(labels[y * width + x]);
    }

    /** The label value at row-major index {@code i}. */
    public int label(int i) {
        if (i < 0 || i >= labels.length) {
            throw DeoccException.invalidArgument("pixel index " + i + " is outside the " + width + "x" + height + " parsing map: use 0 to " + (labels.length - 1));
        }
        return labels[i];
    }

    /** The pixels labelled anything but background. */
    public BinaryMask foreground() {
        return BinaryMask.fromIndex(width, height, i -> labels[i] != 0);
    }

    /**
     * This parsing with every pixel outside {@code region} set to background, e.g. a whole-body parsing
     * cut down to the visible body.
     *
     * @throws DeoccException {@code SIZE_MISMATCH} when the region has another size
     */
    public ParsingMap restrictedTo(BinaryMask region) {
        checkNotNull(region, "region");
        if (region.width() != width || region.height() != height) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "region " + region.width() + "x" + region.height()
                    + " does not match the " + width + "x" + height + " parsing map: give a mask of the same size");
        }
        byte[] restricted = labels.clone();
        for (int i = 0; i < restricted.length; i++) {
            if (!region.get(i)) {
                restricted[i] = 0;
            }
        }
        return new ParsingMap(width, height, restricted);
    }

    /** The pixels of one class. */
    public BinaryMask maskOf(LipClass part) {
        checkNotNull(part, "part");
        byte label = (byte) part.label();
        return BinaryMask.fromIndex(width, height, i -> labels[i] == label);
    }

    public byte[] toArray() {
        return labels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsingMap other && width == other.width && height == other.height && Arrays.equals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "ParsingMap[" + width + "x" + height + "]";
    }
}
