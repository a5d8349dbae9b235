package io.deocc.api.io;

import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import java.util.Arrays;

/** A single-channel integer image read from a grey or palette PNG: one label (id) per pixel. */
public final class LabelImage {
    private final int width;
    private final int height;
    private final int[] labels;

    LabelImage(int width, int height, int[] labels) {
        this.width = width;
        this.height = height;
        this.labels = labels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int label(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw DeoccException.invalidArgument("pixel (" + x + ", " + y + ") is outside the " + width + "x" + height + " label image");
        }
        return labels[y * width + x];
    }

    /** The largest label present. */
    public int maxLabel() {
        return Arrays.stream(labels).max().orElse(0);
    }

    /** The pixels carrying {@code label}. */
    public BinaryMask maskOf(int label) {
        return BinaryMask.fromIndex(width, height, i -> labels[i] == label);
    }
}
