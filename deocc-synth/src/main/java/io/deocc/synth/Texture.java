package io.deocc.synth;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * A procedural surface pattern: the colour of a pixel is a pure function of its coordinates, so a
 * part looks the same wherever it is cut by an occluder.
 */
final class Texture {
    enum Kind { SOLID, STRIPES, CHECKS, NOISE, GRADIENT, BLOTCHES, BRICKS }

    /** The kinds used for clothes. */
    private static final Kind[] CLOTH = {Kind.SOLID, Kind.STRIPES, Kind.CHECKS, Kind.NOISE, Kind.GRADIENT, Kind.BLOTCHES};
    /** The kinds the simple preset used for clothes before the rich generator existed. */
    private static final Kind[] PLAIN_CLOTH = {Kind.SOLID, Kind.STRIPES, Kind.CHECKS, Kind.NOISE};

    private final Kind kind;
    private final int base;
    private final int alternate;
    private final double cos;
    private final double sin;
    private final double period;
    private final int noise;
    private final long salt;

    private Texture(Kind kind, int base, int alternate, double angle, double period, int noise, long salt) {
        this.kind = kind;
        this.base = base;
        this.alternate = alternate;
        this.cos = Math.cos(angle);
        this.sin = Math.sin(angle);
        this.period = period;
        this.noise = noise;
        this.salt = salt;
    }

    static Texture of(Kind kind, int base, int alternate, double angle, double period, int grain, long salt) {
        return new Texture(kind, base, alternate, angle, Math.max(2.0, period), grain, salt);
    }

    /** A plain colour with a little grain. */
    static Texture solid(int rgb, int grain, SplittableRandom rnd) {
        return new Texture(Kind.SOLID, rgb, rgb, 0, 1, grain, rnd.nextLong());
    }

    /**
     * A clothing pattern between {@code base} and {@code alternate}; {@code scale} sets the pattern
     * size in pixels; {@code rich} adds gradients and blotches.
     */
    static Texture random(SplittableRandom rnd, int base, int alternate, double scale, boolean rich) {
        Kind[] kinds = rich ? CLOTH : PLAIN_CLOTH;
        Kind kind = kinds[rnd.nextInt(kinds.length)];
        double angle = rnd.nextDouble() * Math.PI;
        double period = Math.max(2.0, scale * PersonFigure.uniform(rnd, 0.5, 1.5));
        if (kind == Kind.GRADIENT || kind == Kind.BLOTCHES) {
            period *= 6;
        }
        int grain = kind == Kind.NOISE ? 18 + rnd.nextInt(14) : 3 + rnd.nextInt(5);
        return new Texture(kind, base, alternate, angle, period, grain, rnd.nextLong());
    }

    /** A colour from hue/saturation/brightness ranges, as packed {@code 0xRRGGBB}. */
    static int colour(SplittableRandom rnd, double minSaturation, double maxSaturation, double minBrightness, double maxBrightness) {
        float hue = (float) rnd.nextDouble();
        float saturation = (float) PersonFigure.uniform(rnd, minSaturation, maxSaturation);
        float brightness = (float) PersonFigure.uniform(rnd, minBrightness, maxBrightness);
        return Color.HSBtoRGB(hue, saturation, brightness) & 0xFFFFFF;
    }

    /** A darker or lighter variant of {@code rgb}. */
    static int shade(int rgb, double factor) {
        int r = clamp((int) Math.round(((rgb >> 16) & 0xFF) * factor));
        int g = clamp((int) Math.round(((rgb >> 8) & 0xFF) * factor));
        int b = clamp((int) Math.round((rgb & 0xFF) * factor));
        return (r << 16) | (g << 8) | b;
    }

    int rgbAt(int x, int y) {
        int rgb = switch (kind) {
            case SOLID, NOISE -> base;
            case STRIPES -> Math.floorMod((long) Math.floor((x * cos + y * sin) / period), 2) == 0 ? base : alternate;
            case CHECKS -> Math.floorMod((long) Math.floor(x / period) + (long) Math.floor(y / period), 2) == 0 ? base : alternate;
            case GRADIENT -> mix(base, alternate, 0.5 + 0.5 * Math.sin((x * cos + y * sin) / period));
            case BLOTCHES -> mix(base, alternate, 0.5 + 0.9 * ValueNoise.at(x / period, y / period, salt));
            case BRICKS -> brick(x, y);
        };
        return addGrain(rgb, grain(x, y, salt, noise));
    }

    /** Bricks of 2:1 shape with mortar lines; every other row is shifted by half a brick. */
    private int brick(int x, int y) {
        double h = period;
        long row = (long) Math.floor(y / h);
        double shifted = x + (row % 2 == 0 ? 0 : h);
        double inRow = y - row * h;
        double inBrick = shifted - Math.floor(shifted / (2 * h)) * 2 * h;
        if (inRow < 1 || inBrick < 1) {
            return alternate;
        }
        long brickId = (long) Math.floor(shifted / (2 * h)) * 31 + row;
        return shade(base, 0.9 + 0.2 * (ValueNoise.lattice((int) brickId, 7, salt) * 0.5 + 0.5));
    }

    /** Linear blend of two colours, {@code t} clamped to [0, 1]. */
    static int mix(int a, int b, double t) {
        double u = t < 0 ? 0 : (t > 1 ? 1 : t);
        int r = (int) (((a >> 16) & 0xFF) * (1 - u) + ((b >> 16) & 0xFF) * u + 0.5);
        int g = (int) (((a >> 8) & 0xFF) * (1 - u) + ((b >> 8) & 0xFF) * u + 0.5);
        int bl = (int) ((a & 0xFF) * (1 - u) + (b & 0xFF) * u + 0.5);
        return (r << 16) | (g << 8) | bl;
    }

    /** Deterministic per-pixel noise in [-amplitude, amplitude] (a mixing hash, no shared state). */
    static int grain(int x, int y, long salt, int amplitude) {
        if (amplitude == 0) {
            return 0;
        }
        // one multiply-xorshift round: plenty for grain, and this runs for every painted pixel
        long z = salt + x * 0x9E3779B97F4A7C15L + y * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        int bits = (int) (z >>> 40); // 24 well-mixed bits
        return (int) ((bits * (2L * amplitude + 1)) >>> 24) - amplitude;
    }

    static int addGrain(int rgb, int delta) {
        int r = clamp(((rgb >> 16) & 0xFF) + delta);
        int g = clamp(((rgb >> 8) & 0xFF) + delta);
        int b = clamp((rgb & 0xFF) + delta);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }
}
