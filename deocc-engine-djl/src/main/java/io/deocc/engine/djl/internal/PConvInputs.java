package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;

import java.util.List;

/**
 * Builds the content network's tensors ({@link PConvUNet}) from deocc images and masks.
 *
 * <p>Colours are mapped to [−1, 1] (the network's clamped output range). Outside the amodal mask the
 * colour is first dimmed to {@value #BACKGROUND_DIMMING} of its brightness, as in the paper: the
 * background stays visible as context but is told apart from the person. Inside the invisible region
 * (amodal and not visible) the colour is erased to 0; the partial convolutions never read it anyway,
 * because that region is exactly where {@link #known} is 0.
 */
public final class PConvInputs {
    /** Brightness factor (on [0, 1] colours) applied outside the amodal mask. */
    public static final float BACKGROUND_DIMMING = 0.3f;

    private PConvInputs() {
    }

    /**
     * The 5-channel input [N, 5, H, W]: red, green, blue in [−1, 1] (background dimmed, invisible
     * region erased), the visible mask and the amodal mask as 0 or 1. A visible pixel outside the
     * amodal mask (which a {@code MaskCompletion} never has) counts as known background.
     */
    public static NDArray input(NDManager manager, List<RgbImage> images, List<BinaryMask> visible, List<BinaryMask> amodal) {
        DeoccException.checkNotNull(manager, "manager");
        ImageTensors.checkBatch(images, "images");
        ImageTensors.checkBatch(visible, "visible");
        ImageTensors.checkBatch(amodal, "amodal");
        checkSameCount(images.size(), visible.size(), "visible masks");
        checkSameCount(images.size(), amodal.size(), "amodal masks");
        int width = images.get(0).width();
        int height = images.get(0).height();
        int plane = width * height;
        float[] data = new float[images.size() * PConvUNet.INPUT_CHANNELS * plane];
        for (int n = 0; n < images.size(); n++) {
            ImageTensors.checkSize(images.get(n).width(), images.get(n).height(), width, height, "image " + n);
            ImageTensors.checkSize(visible.get(n).width(), visible.get(n).height(), width, height, "visible mask " + n);
            ImageTensors.checkSize(amodal.get(n).width(), amodal.get(n).height(), width, height, "amodal mask " + n);
            int[] rgb = images.get(n).toArray();
            int base = n * PConvUNet.INPUT_CHANNELS * plane;
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
        return manager.create(data, new Shape(images.size(), PConvUNet.INPUT_CHANNELS, height, width));
    }

    /**
     * The training target [N, 3, H, W]: the unoccluded image in [−1, 1], dimmed outside the amodal
     * mask exactly as {@link #input} dims it, so that known pixels map to themselves.
     */
    public static NDArray target(NDManager manager, List<RgbImage> originals, List<BinaryMask> amodal) {
        DeoccException.checkNotNull(manager, "manager");
        ImageTensors.checkBatch(originals, "originals");
        ImageTensors.checkBatch(amodal, "amodal");
        checkSameCount(originals.size(), amodal.size(), "amodal masks");
        int width = originals.get(0).width();
        int height = originals.get(0).height();
        int plane = width * height;
        float[] data = new float[originals.size() * PConvUNet.OUTPUT_CHANNELS * plane];
        for (int n = 0; n < originals.size(); n++) {
            ImageTensors.checkSize(originals.get(n).width(), originals.get(n).height(), width, height, "original " + n);
            ImageTensors.checkSize(amodal.get(n).width(), amodal.get(n).height(), width, height, "amodal mask " + n);
            int[] rgb = originals.get(n).toArray();
            int base = n * PConvUNet.OUTPUT_CHANNELS * plane;
            for (int i = 0; i < plane; i++) {
                writeColour(data, base, plane, i, rgb[i], amodal.get(n).get(i) ? 1f : BACKGROUND_DIMMING);
            }
        }
        return manager.create(data, new Shape(originals.size(), PConvUNet.OUTPUT_CHANNELS, height, width));
    }

    /** One-hot part maps [N, 19, H, W]: channel c is 1 where the label is c + 1; background (0) has no channel. */
    public static NDArray parsingOneHot(NDManager manager, List<ParsingMap> parsings) {
        DeoccException.checkNotNull(manager, "manager");
        ImageTensors.checkBatch(parsings, "parsings");
        int width = parsings.get(0).width();
        int height = parsings.get(0).height();
        int plane = width * height;
        int parts = ParsingGuidedAttention.PARTS;
        float[] data = new float[parsings.size() * parts * plane];
        for (int n = 0; n < parsings.size(); n++) {
            ParsingMap parsing = parsings.get(n);
            ImageTensors.checkSize(parsing.width(), parsing.height(), width, height, "parsing " + n);
            for (int i = 0; i < plane; i++) {
                int label = parsing.label(i);
                if (label > 0) {
                    data[(n * parts + label - 1) * plane + i] = 1f;
                }
            }
        }
        return manager.create(data, new Shape(parsings.size(), parts, height, width));
    }

    /**
     * The validity ("known") mask [N, 1, H, W] of a 5-channel input: 1 everywhere except the
     * invisible region, i.e. 1 − amodal · (1 − visible). The partial convolutions start from it and
     * the composite keeps the input there.
     */
    public static NDArray known(NDArray input) {
        DeoccException.checkNotNull(input, "input");
        Shape shape = input.getShape();
        if (shape.dimension() != 4 || shape.get(1) != PConvUNet.INPUT_CHANNELS) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "content input has shape " + shape
                    + ": give [N,5,H,W] as PConvInputs.input builds it");
        }
        NDArray visible = input.get(":, 3:4");
        NDArray amodal = input.get(":, 4:5");
        return amodal.mul(visible.neg().add(1f)).neg().add(1f);
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
