package io.deocc.cli;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;

/**
 * A side-by-side preview of one person's result, without text (the CLI runs headless and has no
 * fonts): the input | the input with the visible mask tinted green | the amodal mask, visible part
 * green and hidden part orange, on black | the composite. Tiles are shrunk by a whole factor so
 * that their longer side is at most {@value #MAX_TILE_SIDE} pixels.
 */
final class Panel {
    static final int MAX_TILE_SIDE = 1024;
    static final int GAP = 4;
    static final int GAP_COLOUR = 0x404040;
    static final int VISIBLE_COLOUR = 0x2ECC71;
    static final int HIDDEN_COLOUR = 0xFF8C1A;
    static final int BACKGROUND_COLOUR = 0x000000;
    /** Weight of the tint colour over the input pixel. */
    static final double TINT = 0.5;

    private Panel() {}

    static RgbImage render(RgbImage input, MaskCompletion masks, RgbImage composite) {
        int width = input.width();
        int height = input.height();
        int[] source = input.toArray();
        int[] tinted = new int[source.length];
        int[] amodal = new int[source.length];
        BinaryMask visible = masks.refinedVisible();
        BinaryMask hidden = masks.invisible();
        for (int i = 0; i < source.length; i++) {
            tinted[i] = visible.get(i) ? blend(source[i], VISIBLE_COLOUR, TINT) : source[i];
            amodal[i] = visible.get(i) ? VISIBLE_COLOUR : hidden.get(i) ? HIDDEN_COLOUR : BACKGROUND_COLOUR;
        }
        int factor = shrinkFactor(width, height);
        int[][] tiles = {
            shrink(source, width, height, factor),
            shrink(tinted, width, height, factor),
            shrink(amodal, width, height, factor),
            shrink(composite.toArray(), width, height, factor)};
        int tileWidth = ceilDiv(width, factor);
        int tileHeight = ceilDiv(height, factor);
        int panelWidth = tiles.length * tileWidth + (tiles.length - 1) * GAP;
        int[] panel = new int[panelWidth * tileHeight];
        java.util.Arrays.fill(panel, GAP_COLOUR);
        for (int t = 0; t < tiles.length; t++) {
            int left = t * (tileWidth + GAP);
            for (int y = 0; y < tileHeight; y++) {
                System.arraycopy(tiles[t], y * tileWidth, panel, y * panelWidth + left, tileWidth);
            }
        }
        return RgbImage.of(panelWidth, tileHeight, panel);
    }

    /** The smallest whole factor that brings the longer side to at most {@link #MAX_TILE_SIDE}. */
    static int shrinkFactor(int width, int height) {
        return Math.max(1, ceilDiv(Math.max(width, height), MAX_TILE_SIDE));
    }

    /** Averages {@code factor x factor} blocks (partial blocks at the right and bottom edges too). */
    static int[] shrink(int[] rgb, int width, int height, int factor) {
        if (factor == 1) {
            return rgb;
        }
        int outWidth = ceilDiv(width, factor);
        int outHeight = ceilDiv(height, factor);
        int[] out = new int[outWidth * outHeight];
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++) {
                long r = 0;
                long g = 0;
                long b = 0;
                int n = 0;
                for (int y = oy * factor; y < Math.min(height, (oy + 1) * factor); y++) {
                    for (int x = ox * factor; x < Math.min(width, (ox + 1) * factor); x++) {
                        int p = rgb[y * width + x];
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                        n++;
                    }
                }
                out[oy * outWidth + ox] = (int) ((r / n) << 16 | (g / n) << 8 | (b / n));
            }
        }
        return out;
    }

    /** {@code weight} of {@code colour} over {@code base}, per channel. */
    static int blend(int base, int colour, double weight) {
        int r = mix((base >> 16) & 0xFF, (colour >> 16) & 0xFF, weight);
        int g = mix((base >> 8) & 0xFF, (colour >> 8) & 0xFF, weight);
        int b = mix(base & 0xFF, colour & 0xFF, weight);
        return r << 16 | g << 8 | b;
    }

    private static int mix(int base, int colour, double weight) {
        return (int) Math.round(base * (1 - weight) + colour * weight);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
