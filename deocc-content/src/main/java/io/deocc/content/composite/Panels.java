package io.deocc.content.composite;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import java.util.Arrays;

/**
 * Side-by-side previews of one person's result, four tiles in a row separated by grey gaps. They
 * carry no text (renderers run headless, without fonts), so colours say everything:
 *
 * <ul>
 * <li>{@link #render}: the input | the input with the visible mask tinted green | the amodal mask,
 *     visible part green and hidden part orange, on black | the composite;
 * <li>{@link #renderComparison}: the input | the input with the completer's input mask tinted green |
 *     a predicted amodal mask compared with the ground truth: truly visible part green, hidden part
 *     found by both orange, predicted but not true red, true but missed blue, on black | the composite.
 * </ul>
 *
 * <p>Tiles are shrunk by a whole factor (block averages) so that their longer side is at most
 * {@value #MAX_TILE_SIDE} pixels.
 */
public final class Panels {
    /** Longest tile side; larger inputs are shrunk by the smallest whole factor that fits. */
    public static final int MAX_TILE_SIDE = 1024;
    /** Width in pixels of the gap between tiles. */
    public static final int GAP = 4;
    public static final int GAP_COLOUR = 0x404040;
    public static final int VISIBLE_COLOUR = 0x2ECC71;
    public static final int HIDDEN_COLOUR = 0xFF8C1A;
    /** Comparison tile: predicted amodal pixels that the ground truth does not hold. */
    public static final int FALSE_POSITIVE_COLOUR = 0xE74C3C;
    /** Comparison tile: ground-truth amodal pixels that the prediction misses. */
    public static final int MISSED_COLOUR = 0x3498DB;
    public static final int BACKGROUND_COLOUR = 0x000000;
    /** Weight of the tint colour over the input pixel. */
    public static final double TINT = 0.5;

    private Panels() {}

    /**
     * The result preview: input | visible tinted | amodal (visible green, hidden orange) | composite.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null argument, {@code SIZE_MISMATCH} when sizes differ
     */
    public static RgbImage render(RgbImage input, MaskCompletion masks, RgbImage composite) {
        checkNotNull(input, "input image");
        checkNotNull(masks, "masks");
        checkNotNull(composite, "composite");
        checkSize("mask completion", masks.amodal().width(), masks.amodal().height(), input);
        checkSize("composite", composite.width(), composite.height(), input);
        BinaryMask visible = masks.refinedVisible();
        BinaryMask hidden = masks.invisible();
        int[] amodal = new int[input.width() * input.height()];
        for (int i = 0; i < amodal.length; i++) {
            amodal[i] = visible.get(i) ? VISIBLE_COLOUR : hidden.get(i) ? HIDDEN_COLOUR : BACKGROUND_COLOUR;
        }
        return row(input, visible, amodal, composite);
    }

    /**
     * The evaluation preview: input | input mask tinted | predicted amodal against the ground truth
     * (truly visible green; hidden and found orange; predicted only red; missed blue) | composite.
     *
     * @param input the occluded image
     * @param inputMask the visible mask the completer was given (e.g. a segmenter's), tinted in the second tile
     * @param visible the ground-truth visible mask, green in the comparison
     * @param predictedAmodal the completer's amodal mask
     * @param groundTruthAmodal the true amodal mask
     * @param composite the recovered image, or the input itself when no content was recovered
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null argument, {@code SIZE_MISMATCH} when sizes differ
     */
    public static RgbImage renderComparison(RgbImage input, BinaryMask inputMask, BinaryMask visible, BinaryMask predictedAmodal,
            BinaryMask groundTruthAmodal, RgbImage composite) {
        checkNotNull(input, "input image");
        checkNotNull(inputMask, "input mask");
        checkNotNull(visible, "visible mask");
        checkNotNull(predictedAmodal, "predicted amodal mask");
        checkNotNull(groundTruthAmodal, "ground-truth amodal mask");
        checkNotNull(composite, "composite");
        checkSize("input mask", inputMask.width(), inputMask.height(), input);
        checkSize("visible mask", visible.width(), visible.height(), input);
        checkSize("predicted amodal mask", predictedAmodal.width(), predictedAmodal.height(), input);
        checkSize("ground-truth amodal mask", groundTruthAmodal.width(), groundTruthAmodal.height(), input);
        checkSize("composite", composite.width(), composite.height(), input);
        int[] comparison = new int[input.width() * input.height()];
        for (int i = 0; i < comparison.length; i++) {
            boolean predicted = predictedAmodal.get(i);
            boolean truth = groundTruthAmodal.get(i);
            if (visible.get(i)) {
                comparison[i] = VISIBLE_COLOUR;
            } else if (predicted && truth) {
                comparison[i] = HIDDEN_COLOUR;
            } else if (predicted) {
                comparison[i] = FALSE_POSITIVE_COLOUR;
            } else if (truth) {
                comparison[i] = MISSED_COLOUR;
            } else {
                comparison[i] = BACKGROUND_COLOUR;
            }
        }
        return row(input, inputMask, comparison, composite);
    }

    private static RgbImage row(RgbImage input, BinaryMask tintMask, int[] maskTile, RgbImage composite) {
        int width = input.width();
        int height = input.height();
        int[] source = input.toArray();
        int[] tinted = new int[source.length];
        for (int i = 0; i < source.length; i++) {
            tinted[i] = tintMask.get(i) ? blend(source[i], VISIBLE_COLOUR, TINT) : source[i];
        }
        int factor = shrinkFactor(width, height);
        int[][] tiles = {
            shrink(source, width, height, factor),
            shrink(tinted, width, height, factor),
            shrink(maskTile, width, height, factor),
            shrink(composite.toArray(), width, height, factor)};
        int tileWidth = ceilDiv(width, factor);
        int tileHeight = ceilDiv(height, factor);
        int panelWidth = tiles.length * tileWidth + (tiles.length - 1) * GAP;
        int[] panel = new int[panelWidth * tileHeight];
        Arrays.fill(panel, GAP_COLOUR);
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

    /** {@code weight} of {@code colour} over {@code base}, per channel, rounded; colours are 0xRRGGBB. */
    public static int blend(int base, int colour, double weight) {
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

    private static void checkSize(String what, int width, int height, RgbImage input) {
        if (width != input.width() || height != input.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the " + what + " is " + width + "x" + height + " but the input image is "
                    + input.width() + "x" + input.height() + ": give every image and mask of a panel the input's size");
        }
    }
}
