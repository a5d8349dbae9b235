package io.deocc.api.image;

import static io.deocc.api.DeoccException.checkNotNull;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * An immutable 8-bit sRGB image with straight (non-premultiplied) alpha, packed {@code 0xAARRGGBB}.
 * Used for the recovered person layer: alpha is the amodal mask.
 */
public final class RgbaImage {
    private final int width;
    private final int height;
    private final int[] argb;

    private RgbaImage(int width, int height, int[] argb) {
        this.width = width;
        this.height = height;
        this.argb = argb;
    }

    public static RgbaImage of(int width, int height, int[] argb) {
        checkNotNull(argb, "argb");
        Images.checkLength("RGBA image", width, height, argb.length);
        return new RgbaImage(width, height, argb.clone());
    }

    /** The colours of {@code image}, opaque where {@code alpha} is set and fully transparent elsewhere. */
    public static RgbaImage withAlpha(RgbImage image, BinaryMask alpha) {
        checkNotNull(image, "image");
        checkNotNull(alpha, "alpha");
        Images.checkSameSize("image", image.width(), image.height(), "alpha mask", alpha.width(), alpha.height());
        int[] rgb = image.toArray();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = alpha.get(i) ? 0xFF000000 | rgb[i] : 0;
        }
        return new RgbaImage(image.width(), image.height(), rgb);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int argb(int x, int y) {
        Images.checkPixel("image", x, y, width, height);
        return argb[y * width + x];
    }

    public int[] toArray() {
        return argb.clone();
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbaImage other && width == other.width && height == other.height && Arrays.equals(argb, other.argb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(argb);
    }

    @Override
    public String toString() {
        return "RgbaImage[" + width + "x" + height + "]";
    }
}
