package io.deocc.synth;

import java.util.Arrays;

/**
 * A layer being painted: per pixel a crisp label (the last part whose outline contains the pixel
 * centre) and a premultiplied colour with coverage, so that edges can be anti-aliased in the
 * colours while labels stay exact. Parts are painted in order, later over earlier.
 */
final class Canvas {
    final int width;
    final int height;
    final byte[] labels;
    final float[] red;
    final float[] green;
    final float[] blue;
    final float[] alpha;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        int n = width * height;
        labels = new byte[n];
        red = new float[n];
        green = new float[n];
        blue = new float[n];
        alpha = new float[n];
    }

    /**
     * Paints {@code shape} with {@code texture}. With {@code antialias} the outline's pixels get
     * partial coverage; {@code shadeWidth > 0} darkens the part towards its outline over that many
     * pixels (a cheap rounded look).
     */
    void fill(Shape2d shape, int label, Texture texture, boolean antialias, double shadeWidth) {
        int x0 = Math.max(0, (int) Math.floor(shape.minX() - 1));
        int y0 = Math.max(0, (int) Math.floor(shape.minY() - 1));
        int x1 = Math.min(width - 1, (int) Math.ceil(shape.maxX() + 1));
        int y1 = Math.min(height - 1, (int) Math.ceil(shape.maxY() + 1));
        byte value = (byte) label;
        for (int y = y0; y <= y1; y++) {
            int row = y * width;
            for (int x = x0; x <= x1; x++) {
                double d = shape.distance(x + 0.5, y + 0.5);
                double cover;
                if (antialias) {
                    if (d >= 0.5) {
                        continue;
                    }
                    cover = d <= -0.5 ? 1 : 0.5 - d;
                } else {
                    if (d >= 0) {
                        continue;
                    }
                    cover = 1;
                }
                int i = row + x;
                if (d < 0) {
                    labels[i] = value;
                }
                int rgb = texture.rgbAt(x, y);
                double light = 1;
                if (shadeWidth > 0) {
                    double depth = -d / shadeWidth;
                    depth = depth < 0 ? 0 : (depth > 1 ? 1 : depth);
                    light = 0.72 + 0.28 * Math.sqrt(depth);
                }
                float keep = (float) (1 - cover);
                float paint = (float) (cover * light);
                red[i] = red[i] * keep + ((rgb >> 16) & 0xFF) * paint;
                green[i] = green[i] * keep + ((rgb >> 8) & 0xFF) * paint;
                blue[i] = blue[i] * keep + (rgb & 0xFF) * paint;
                alpha[i] = alpha[i] * keep + (float) cover;
            }
        }
    }

    /** Paints this layer over {@code pixels} (same size): every pixel with any coverage. */
    void compositeOver(int[] pixels) {
        for (int i = 0; i < pixels.length; i++) {
            float a = alpha[i];
            if (a > 0) {
                pixels[i] = blend(pixels[i], i, a);
            }
        }
    }

    /** The colour of pixel {@code i} of this layer over {@code under}. */
    int blend(int under, int i, float a) {
        float keep = 1 - a;
        int r = clamp(((under >> 16) & 0xFF) * keep + red[i]);
        int g = clamp(((under >> 8) & 0xFF) * keep + green[i]);
        int b = clamp((under & 0xFF) * keep + blue[i]);
        return (r << 16) | (g << 8) | b;
    }

    /** Whether pixel {@code i} carries a label (its centre lies inside some part). */
    boolean covered(int i) {
        return labels[i] != 0;
    }

    void clear() {
        Arrays.fill(labels, (byte) 0);
        Arrays.fill(red, 0);
        Arrays.fill(green, 0);
        Arrays.fill(blue, 0);
        Arrays.fill(alpha, 0);
    }

    private static int clamp(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : (i > 255 ? 255 : i);
    }
}
