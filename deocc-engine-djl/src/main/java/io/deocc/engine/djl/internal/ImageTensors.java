package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.engine.djl.model.Normalisation;

import java.util.List;

/** Converts deocc images and masks to NCHW float tensors (values in [0, 1]) on a caller's manager, and normalises them as a model card says. */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** An N×4×H×W tensor: red, green, blue scaled to [0, 1], then the mask as 0 or 1. */
    public static NDArray imagesWithMasks(NDManager manager, List<RgbImage> images, List<BinaryMask> masks) {
        checkBatch(masks, "masks");
        DeoccException.checkArgument(images != null && images.size() == masks.size(), "got "
                + (images == null ? "no" : images.size()) + " images but " + masks.size() + " masks: give one mask per image");
        return pack(manager, images, masks);
    }

    /** An N×3×H×W tensor: red, green, blue scaled to [0, 1]. */
    public static NDArray images(NDManager manager, List<RgbImage> images) {
        return pack(manager, images, null);
    }

    /**
     * Applies a model card's per-channel mean and standard deviation to the first
     * {@link Normalisation#channels()} channels of an NCHW tensor (the colour channels; mask channels
     * that follow stay 0 or 1). Unit normalisation returns the input unchanged.
     */
    public static NDArray normalise(NDArray input, Normalisation normalisation) {
        DeoccException.checkNotNull(input, "input");
        DeoccException.checkNotNull(normalisation, "normalisation");
        if (normalisation.isUnit()) {
            return input;
        }
        int channels = normalisation.channels();
        long total = input.getShape().get(1);
        if (channels > total) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "the model card normalises " + channels
                    + " channels but the network input has " + total + ": give a normalisation for the colour channels only");
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = normalisation.mean().get(c).floatValue();
            std[c] = normalisation.std().get(c).floatValue();
        }
        NDManager manager = input.getManager();
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDArray colour = input.get(":, 0:" + channels).sub(manager.create(mean, perChannel)).div(manager.create(std, perChannel));
        return channels == total ? colour : colour.concat(input.get(":, " + channels + ":"), 1);
    }

    private static NDArray pack(NDManager manager, List<RgbImage> images, List<BinaryMask> masks) {
        DeoccException.checkNotNull(manager, "manager");
        checkBatch(images, "images");
        int channels = masks == null ? 3 : 4;
        int width = images.get(0).width();
        int height = images.get(0).height();
        int plane = width * height;
        float[] data = new float[images.size() * channels * plane];
        for (int n = 0; n < images.size(); n++) {
            RgbImage image = images.get(n);
            checkSize(image.width(), image.height(), width, height, "image " + n);
            int[] rgb = image.toArray();
            int base = n * channels * plane;
            for (int i = 0; i < plane; i++) {
                data[base + i] = ((rgb[i] >> 16) & 0xFF) / 255f;
                data[base + plane + i] = ((rgb[i] >> 8) & 0xFF) / 255f;
                data[base + 2 * plane + i] = (rgb[i] & 0xFF) / 255f;
            }
            if (masks != null) {
                BinaryMask mask = masks.get(n);
                checkSize(mask.width(), mask.height(), width, height, "mask " + n);
                for (int i = 0; i < plane; i++) {
                    data[base + 3 * plane + i] = mask.get(i) ? 1f : 0f;
                }
            }
        }
        return manager.create(data, new Shape(images.size(), channels, height, width));
    }

    /** An N×1×H×W tensor of 0 and 1. */
    public static NDArray masks(NDManager manager, List<BinaryMask> masks) {
        DeoccException.checkNotNull(manager, "manager");
        checkBatch(masks, "masks");
        int width = masks.get(0).width();
        int height = masks.get(0).height();
        int plane = width * height;
        float[] data = new float[masks.size() * plane];
        for (int n = 0; n < masks.size(); n++) {
            BinaryMask mask = masks.get(n);
            checkSize(mask.width(), mask.height(), width, height, "mask " + n);
            for (int i = 0; i < plane; i++) {
                data[n * plane + i] = mask.get(i) ? 1f : 0f;
            }
        }
        return manager.create(data, new Shape(masks.size(), 1, height, width));
    }

    /** A non-empty batch without nulls; shared by every tensor builder of this engine. */
    static void checkBatch(List<?> items, String name) {
        DeoccException.checkNotNull(items, name);
        DeoccException.checkArgument(!items.isEmpty(), name + " is empty: give at least one");
        for (int i = 0; i < items.size(); i++) {
            DeoccException.checkNotNull(items.get(i), name + "[" + i + "]");
        }
    }

    /** Every item of a batch has the batch's size. */
    static void checkSize(int width, int height, int expectedWidth, int expectedHeight, String what) {
        if (width != expectedWidth || height != expectedHeight) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, what + " is " + width + "x" + height
                    + " but the batch is " + expectedWidth + "x" + expectedHeight + ": give equally sized items");
        }
    }
}
