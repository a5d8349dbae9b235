package io.deocc.api.network;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import java.util.List;

/**
 * Images and masks as N×C×H×W tensors with values in [0, 1], and the colour normalisation a model card
 * asks for: the input side every engine shares.
 */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** An N×4×H×W tensor: red, green, blue scaled to [0, 1], then the mask as 0 or 1. */
    public static FloatTensor imagesWithMasks(List<RgbImage> images, List<BinaryMask> masks) {
        checkBatch(masks, "masks");
        DeoccException.checkArgument(images != null && images.size() == masks.size(), "got "
                + (images == null ? "no" : images.size()) + " images but " + masks.size() + " masks: give one mask per image");
        return pack(images, masks);
    }

    /** An N×3×H×W tensor: red, green, blue scaled to [0, 1]. */
    public static FloatTensor images(List<RgbImage> images) {
        return pack(images, null);
    }

    /** An N×1×H×W tensor of 0 and 1. */
    public static FloatTensor masks(List<BinaryMask> masks) {
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
        return FloatTensor.of(data, masks.size(), 1, height, width);
    }

    /**
     * Applies a per-channel mean and standard deviation to the first {@link Normalisation#channels()}
     * channels of an N×C×H×W tensor (the colour channels; mask channels that follow stay 0 or 1). Unit
     * normalisation returns the input unchanged.
     *
     * @throws DeoccException {@code MODEL_INVALID} when the normalisation covers more channels than the tensor has
     */
    public static FloatTensor normalise(FloatTensor input, Normalisation normalisation) {
        DeoccException.checkNotNull(input, "input");
        DeoccException.checkNotNull(normalisation, "normalisation");
        if (normalisation.isUnit()) {
            return input;
        }
        DeoccException.checkArgument(input.rank() == 4, "input " + input.shapeText() + " is not N x C x H x W");
        int channels = normalisation.channels();
        long total = input.dim(1);
        if (channels > total) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "the model card normalises " + channels
                    + " channels but the network input has " + total + ": give a normalisation for the colour channels only");
        }
        float[] values = input.copyValues();
        int plane = (int) (input.dim(2) * input.dim(3));
        for (int n = 0; n < input.dim(0); n++) {
            for (int c = 0; c < channels; c++) {
                // the same float arithmetic as an engine's (x - mean) / std on float32 arrays
                float mean = normalisation.mean().get(c).floatValue();
                float std = normalisation.std().get(c).floatValue();
                int base = (int) ((n * total + c) * plane);
                for (int i = 0; i < plane; i++) {
                    values[base + i] = (values[base + i] - mean) / std;
                }
            }
        }
        return FloatTensor.of(values, input.shape());
    }

    private static FloatTensor pack(List<RgbImage> images, List<BinaryMask> masks) {
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
        return FloatTensor.of(data, images.size(), channels, height, width);
    }

    /** A non-empty batch without nulls; shared by every tensor builder. */
    public static void checkBatch(List<?> items, String name) {
        DeoccException.checkNotNull(items, name);
        DeoccException.checkArgument(!items.isEmpty(), name + " is empty: give at least one");
        for (int i = 0; i < items.size(); i++) {
            DeoccException.checkNotNull(items.get(i), name + "[" + i + "]");
        }
    }

    /** Every item of a batch has the batch's size. */
    public static void checkSize(int width, int height, int expectedWidth, int expectedHeight, String what) {
        if (width != expectedWidth || height != expectedHeight) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, what + " is " + width + "x" + height
                    + " but the batch is " + expectedWidth + "x" + expectedHeight + ": give equally sized items");
        }
    }
}
