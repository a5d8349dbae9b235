package io.deocc.content.network;

import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.network.ImageTensors;
import java.util.List;

/**
 * The content network's tensors from deocc images and masks, for every engine.
 *
 * <p>Colours are mapped to [−1, 1] (the network's clamped output range). Outside the amodal mask the
 * colour is first dimmed to {@value #BACKGROUND_DIMMING} of its brightness, as in the paper: the
 * background stays visible as context but is told apart from the person. Inside the invisible region
 * (amodal and not visible) the colour is erased to 0; the partial convolutions never read it anyway,
 * because that region is exactly where the validity mask is 0.
 */
public final class ContentTensors {
    /** Brightness factor (on [0, 1] colours) applied outside the amodal mask. */
    public static final float BACKGROUND_DIMMING = 0.3f;
    /** Input channels: red, green, blue, visible mask, amodal mask. */
    public static final int INPUT_CHANNELS = 5;
    /** Output channels: red, green, blue in [−1, 1]. */
    public static final int OUTPUT_CHANNELS = 3;
    /** Body-part classes of the one-hot parsing inputs: LIP's labels 1 to 19 (background has no channel). */
    public static final int PARTS = 19;

    private ContentTensors() {
    }

    /**
     * The 5-channel input [N, 5, H, W]: red, green, blue in [−1, 1] (background dimmed, invisible
     * region erased), the visible mask and the amodal mask as 0 or 1. A visible pixel outside the
     * amodal mask (which a {@code MaskCompletion} never has) counts as known background.
     */
    public static FloatTensor input(List<RgbImage> images, List<BinaryMask> visible, List<BinaryMask> amodal) {
        ImageTensors.checkBatch(images, "images");
        ImageTensors.checkBatch(visible, "visible");
        ImageTensors.checkBatch(amodal, "amodal");
        checkSameCount(images.size(), visible.size(), "visible masks");
        checkSameCount(images.size(), amodal.size(), "amodal masks");
        int width = images.get(0).width();
        int height = images.get(0).height();
        int plane = width * height;
        float[] data = new float[images.size() * INPUT_CHANNELS * plane];
        for (int n = 0; n < images.size(); n++) {
            ImageTensors.checkSize(images.get(n).width(), images.get(n).height(), width, height, "image " + n);
            ImageTensors.checkSize(visible.get(n).width(), visible.get(n).height(), width, height, "visible mask " + n);
            ImageTensors.checkSize(amodal.get(n).width(), amodal.get(n).height(), width, height, "amodal mask " + n);
            int[] rgb = images.get(n).toArray();
            int base = n * INPUT_CHANNELS * plane;
            for (int i = 0; i < plane; i++) {
                boolean isVisible = visible.get(n).get(i);
                boolean isAmodal = amodal.get(n).get(i);
                // the invisible region keeps the array's 0: erased
                if (isVisible || !isAmodal) {
                    writeColour(data, base, plane, i, rgb[i], isAmodal || isVisible ? 1f : BACKGROUND_DIMMING);
                }
                data[base + 3 * plane + i] = isVisible ? 1f : 0f;
                data[base + 4 * plane + i] = isAmodal ? 1f : 0f;
            }
        }
        return FloatTensor.of(data, images.size(), INPUT_CHANNELS, height, width);
    }

    /**
     * The training target [N, 3, H, W]: the unoccluded image in [−1, 1], dimmed outside the amodal
     * mask exactly as {@link #input} dims it, so that known pixels map to themselves.
     */
    public static FloatTensor target(List<RgbImage> originals, List<BinaryMask> amodal) {
        ImageTensors.checkBatch(originals, "originals");
        ImageTensors.checkBatch(amodal, "amodal");
        checkSameCount(originals.size(), amodal.size(), "amodal masks");
        int width = originals.get(0).width();
        int height = originals.get(0).height();
        int plane = width * height;
        float[] data = new float[originals.size() * OUTPUT_CHANNELS * plane];
        for (int n = 0; n < originals.size(); n++) {
            ImageTensors.checkSize(originals.get(n).width(), originals.get(n).height(), width, height, "original " + n);
            ImageTensors.checkSize(amodal.get(n).width(), amodal.get(n).height(), width, height, "amodal mask " + n);
            int[] rgb = originals.get(n).toArray();
            int base = n * OUTPUT_CHANNELS * plane;
            for (int i = 0; i < plane; i++) {
                writeColour(data, base, plane, i, rgb[i], amodal.get(n).get(i) ? 1f : BACKGROUND_DIMMING);
            }
        }
        return FloatTensor.of(data, originals.size(), OUTPUT_CHANNELS, height, width);
    }

    /** One-hot part maps [N, 19, H, W]: channel c is 1 where the label is c + 1; background (0) has no channel. */
    public static FloatTensor parsingOneHot(List<ParsingMap> parsings) {
        ImageTensors.checkBatch(parsings, "parsings");
        int width = parsings.get(0).width();
        int height = parsings.get(0).height();
        int plane = width * height;
        float[] data = new float[parsings.size() * PARTS * plane];
        for (int n = 0; n < parsings.size(); n++) {
            ParsingMap parsing = parsings.get(n);
            ImageTensors.checkSize(parsing.width(), parsing.height(), width, height, "parsing " + n);
            for (int i = 0; i < plane; i++) {
                int label = parsing.label(i);
                if (label > 0) {
                    data[(n * PARTS + label - 1) * plane + i] = 1f;
                }
            }
        }
        return FloatTensor.of(data, parsings.size(), PARTS, height, width);
    }

    private static void writeColour(float[] data, int base, int plane, int i, int rgb, float scale) {
        data[base + i] = toSigned(((rgb >> 16) & 0xFF) * scale);
        data[base + plane + i] = toSigned(((rgb >> 8) & 0xFF) * scale);
        data[base + 2 * plane + i] = toSigned((rgb & 0xFF) * scale);
    }

    private static float toSigned(float value255) {
        return value255 / 127.5f - 1f;
    }

    private static void checkSameCount(int images, int other, String what) {
        DeoccException.checkArgument(images == other, "got " + images + " images but " + other + " " + what
                + ": give one per image");
    }
}
