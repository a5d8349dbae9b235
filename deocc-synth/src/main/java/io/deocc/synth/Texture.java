package io.deocc.synth;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * A procedural surface pattern: the colour of a pixel is a pure function of its coordinates, so a
 * part looks the same wherever it is cut by an occluder.
 */
final class Texture {
    enum Kind { SOLID, STRIPES, CHECKS, NOISE }

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

    /** A plain colour with a little grain. */
    static Texture solid(int rgb, int grain, SplittableRandom rnd) {
        return new Texture(Kind.SOLID, rgb, rgb, 0, 1, grain, rnd.nextLong());
    }

    /** Any kind of pattern between {@code base} and {@code alternate}; {@code scale} sets the pattern size in pixels. */
    static Texture random(SplittableRandom rnd, int base, int alternate, double scale) {
        Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
        double angle = rnd.nextDouble() * Math.PI;
        double period = Math.max(2.0, scale * PersonFigure.uniform(rnd, 0.5, 1.5));
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
        };
        return addGrain(rgb, grain(x, y, salt, noise));
    }

    /** Deterministic per-pixel noise in [-amplitude, amplitude] (a mixing hash, no shared state). */
    static int grain(int x, int y, long salt, int amplitude) {
        if (amplitude == 0) {
            return 0;
        }
        long z = salt + x * 0x9E3779B97F4A7C15L + y * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        z ^= z >>> 33;
        return (int) Math.floorMod(z, 2L * amplitude + 1) - amplitude;
    }

    static int addGrain(int rgb, int delta) {
        int r = clamp(((rgb >> 16) & 0xFF) + delta);
        int g = clamp(((rgb >> 8) & 0xFF) + delta);
        int b = clamp((rgb & 0xFF) + delta);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
