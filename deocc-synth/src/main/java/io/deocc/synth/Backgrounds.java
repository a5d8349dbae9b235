package io.deocc.synth;

import java.util.SplittableRandom;

/**
 * Procedural backgrounds. A share are smooth two-colour gradients; the rest add structure a
 * segmenter must not mistake for a person: stripes or panels, tiles, soft blobs, value noise, or a
 * street-like horizon with blocks. All have a little grain.
 */
final class Backgrounds {
    private enum Style { STRIPES, TILES, BLOBS, NOISE, STREET }

    private Backgrounds() {}

    static int[] paint(SplittableRandom rnd, int width, int height, double plainShare) {
        int[] pixels = gradient(rnd, width, height);
        if (rnd.nextDouble() < plainShare) {
            return pixels;
        }
        Style style = Style.values()[rnd.nextInt(Style.values().length)];
        double size = Math.min(width, height);
        switch (style) {
            case STRIPES -> stripes(rnd, pixels, width, height, size);
            case TILES -> tiles(rnd, pixels, width, height, size);
            case BLOBS -> blobs(rnd, pixels, width, height, size);
            case NOISE -> noise(rnd, pixels, width, height, size);
            case STREET -> street(rnd, pixels, width, height, size);
        }
        return pixels;
    }

    /** A smooth two-colour gradient in muted tones with mild grain. */
    private static int[] gradient(SplittableRandom rnd, int width, int height) {
        int from = Texture.colour(rnd, 0.0, 0.3, 0.35, 0.95);
        int to = Texture.colour(rnd, 0.0, 0.3, 0.35, 0.95);
        double angle = rnd.nextDouble() * 2 * Math.PI;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double extent = Math.abs(cos) * width + Math.abs(sin) * height;
        long salt = rnd.nextLong();
        int[] pixels = new int[width * height];
        int fr = (from >> 16) & 0xFF;
        int fg = (from >> 8) & 0xFF;
        int fb = from & 0xFF;
        int dr = ((to >> 16) & 0xFF) - fr;
        int dg = ((to >> 8) & 0xFF) - fg;
        int db = (to & 0xFF) - fb;
        for (int y = 0; y < height; y++) {
            double rowT = 0.5 + ((-width / 2.0) * cos + (y - height / 2.0) * sin) / extent;
            double stepT = cos / extent;
            for (int x = 0; x < width; x++) {
                double t = rowT + x * stepT;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                int g = Texture.grain(x, y, salt, 4);
                int r = clamp((int) (fr + dr * t + 0.5) + g);
                int gr = clamp((int) (fg + dg * t + 0.5) + g);
                int b = clamp((int) (fb + db * t + 0.5) + g);
                pixels[y * width + x] = (r << 16) | (gr << 8) | b;
            }
        }
        return pixels;
    }

    private static void stripes(SplittableRandom rnd, int[] pixels, int width, int height, double size) {
        int other = Texture.colour(rnd, 0.05, 0.5, 0.3, 0.9);
        boolean vertical = rnd.nextBoolean();
        double period = size * PersonFigure.uniform(rnd, 0.04, 0.25);
        double duty = PersonFigure.uniform(rnd, 0.2, 0.6);
        double strength = PersonFigure.uniform(rnd, 0.3, 0.8);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (vertical ? x : y) / period;
                if (u - Math.floor(u) < duty) {
                    int i = y * width + x;
                    pixels[i] = Texture.mix(pixels[i], other, strength);
                }
            }
        }
    }

    private static void tiles(SplittableRandom rnd, int[] pixels, int width, int height, double size) {
        int grout = Texture.colour(rnd, 0.0, 0.2, 0.2, 0.9);
        double cell = size * PersonFigure.uniform(rnd, 0.05, 0.18);
        int line = Math.max(1, (int) Math.round(cell * 0.08));
        long salt = rnd.nextLong();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int cx = (int) Math.floor(x / cell);
                int cy = (int) Math.floor(y / cell);
                if (x - cx * cell < line || y - cy * cell < line) {
                    pixels[i] = grout;
                } else {
                    pixels[i] = Texture.shade(pixels[i], 0.88 + 0.24 * (ValueNoise.lattice(cx, cy, salt) * 0.5 + 0.5));
                }
            }
        }
    }

    private static void blobs(SplittableRandom rnd, int[] pixels, int width, int height, double size) {
        int count = 4 + rnd.nextInt(10);
        for (int k = 0; k < count; k++) {
            int colour = Texture.colour(rnd, 0.1, 0.7, 0.25, 0.95);
            double cx = rnd.nextDouble() * width;
            double cy = rnd.nextDouble() * height;
            double rx = size * PersonFigure.uniform(rnd, 0.05, 0.3);
            double ry = rx * PersonFigure.uniform(rnd, 0.4, 1.6);
            double opacity = PersonFigure.uniform(rnd, 0.4, 0.9);
            int x0 = Math.max(0, (int) (cx - rx));
            int x1 = Math.min(width - 1, (int) (cx + rx));
            int y0 = Math.max(0, (int) (cy - ry));
            int y1 = Math.min(height - 1, (int) (cy + ry));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double u = (x + 0.5 - cx) / rx;
                    double v = (y + 0.5 - cy) / ry;
                    double r2 = u * u + v * v;
                    if (r2 < 1) {
                        int i = y * width + x;
                        // soft towards the edge: out-of-focus shapes
                        pixels[i] = Texture.mix(pixels[i], colour, opacity * Math.min(1, (1 - r2) * 3));
                    }
                }
            }
        }
    }

    private static void noise(SplittableRandom rnd, int[] pixels, int width, int height, double size) {
        int other = Texture.colour(rnd, 0.05, 0.6, 0.2, 0.95);
        double cell = size * PersonFigure.uniform(rnd, 0.03, 0.2);
        double strength = PersonFigure.uniform(rnd, 0.5, 1.0);
        long salt = rnd.nextLong();
        float[] coarse = ValueNoise.field(width, height, cell, salt);
        float[] fine = ValueNoise.field(width, height, cell / 2.03, salt ^ 0x5DEECE66DL);
        for (int i = 0; i < pixels.length; i++) {
            double n = (coarse[i] * 2 + fine[i]) / 3;
            pixels[i] = Texture.mix(pixels[i], other, strength * (0.5 + n));
        }
    }

    /** A horizon: ground below, and a row of blocks (buildings, shelves) with window-like cells above. */
    private static void street(SplittableRandom rnd, int[] pixels, int width, int height, double size) {
        int ground = Texture.colour(rnd, 0.0, 0.25, 0.25, 0.7);
        int horizon = (int) (height * PersonFigure.uniform(rnd, 0.45, 0.85));
        long salt = rnd.nextLong();
        for (int y = horizon; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = Texture.addGrain(Texture.shade(ground, 0.9 + 0.2 * (y - horizon) / (double) height),
                        Texture.grain(x, y, salt, 6));
            }
        }
        int x = -rnd.nextInt(Math.max(1, width / 4));
        while (x < width) {
            int w = (int) Math.max(4, size * PersonFigure.uniform(rnd, 0.1, 0.4));
            int top = (int) (horizon - height * PersonFigure.uniform(rnd, 0.15, 0.6));
            int colour = Texture.colour(rnd, 0.05, 0.45, 0.3, 0.85);
            int window = Texture.shade(colour, rnd.nextBoolean() ? 0.6 : 1.3);
            double cell = Math.max(4, w * PersonFigure.uniform(rnd, 0.15, 0.35));
            for (int y = Math.max(0, top); y < horizon; y++) {
                for (int xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) {
                    double u = (xx - x) / cell;
                    double v = (y - top) / cell;
                    boolean inWindow = u - Math.floor(u) > 0.3 && v - Math.floor(v) > 0.35;
                    pixels[y * width + xx] = inWindow ? window : colour;
                }
            }
            x += w + rnd.nextInt(Math.max(1, (int) (size * 0.05)));
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }
}
