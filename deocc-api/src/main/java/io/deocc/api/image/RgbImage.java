package io.deocc.api.image;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.util.Arrays;

/**
 * An immutable 8-bit sRGB image. Pixels are packed {@code 0xRRGGBB} ints in row-major order.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final int[] rgb;

    private RgbImage(int width, int height, int[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** An image over a copy of {@code rgb} (packed {@code 0xRRGGBB}; bits above 24 are dropped). */
    public static RgbImage of(int width, int height, int[] rgb) {
        checkNotNull(rgb, "rgb");
        Images.checkLength("image", width, height, rgb.length);
        int[] copy = new int[rgb.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = rgb[i] & 0xFFFFFF;
        }
        return new RgbImage(width, height, copy);
    }

    /** An image filled with one colour. */
    public static RgbImage filled(int width, int height, int rgb) {
        int[] data = new int[Images.checkedPixels("image", width, height)];
        Arrays.fill(data, rgb & 0xFFFFFF);
        return new RgbImage(width, height, data);
    }

    /**
     * Copies the colour channels of any {@link BufferedImage}; alpha is dropped. A grey sample
     * {@code v} becomes {@code (v, v, v)}, scaled to 8 bits.
     */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        checkNotNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        if (isIntegerGrey(image.getColorModel())) {
            return fromGreySamples(image, w, h);
        }
        int[] data = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < data.length; i++) {
            data[i] &= 0xFFFFFF;
        }
        return new RgbImage(w, h, data);
    }

    private static boolean isIntegerGrey(ColorModel model) {
        int type = model.getTransferType();
        return model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && (type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT);
    }

    // Java's grey colour space is linear, so getRGB would lighten mid-greys (128 -> 188). Grey files
    // (PNG, JPEG) store the same gamma-encoded values as colour files, so the samples are copied as they are.
    private static RgbImage fromGreySamples(BufferedImage image, int w, int h) {
        int[] data = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        for (int i = 0; i < data.length; i++) {
            int v = max == 255 ? data[i] : (int) Math.round(data[i] * 255.0 / max);
            data[i] = v << 16 | v << 8 | v;
        }
        return new RgbImage(w, h, data);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Packed {@code 0xRRGGBB} at (x, y). */
    public int rgb(int x, int y) {
        Images.checkPixel("image", x, y, width, height);
        return rgb[y * width + x];
    }

    /** A copy of the packed pixels, row-major. */
    public int[] toArray() {
        return rgb.clone();
    }

    /** The sub-image inside {@code box}. */
    public RgbImage crop(Box box) {
        checkNotNull(box, "box");
        checkArgument(box.fitsIn(width, height), box + " does not fit in the " + width + "x" + height + " image");
        int[] out = new int[box.width() * box.height()];
        for (int row = 0; row < box.height(); row++) {
            System.arraycopy(rgb, (box.y() + row) * width + box.x(), out, row * box.width(), box.width());
        }
        return new RgbImage(box.width(), box.height(), out);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height && Arrays.equals(rgb, other.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
