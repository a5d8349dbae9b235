package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;

import java.util.List;

/** Converts deocc images and masks to NCHW float tensors (values in [0, 1]) on a caller's manager. */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** An N×4×H×W tensor: red, green, blue scaled to [0, 1], then the mask as 0 or 1. */
    public static NDArray imagesWithMasks(NDManager manager, List<RgbImage> images, List<BinaryMask> masks) {
        DeoccException.checkNotNull(manager, "manager");
        checkBatch(images, "images");
        checkBatch(masks, "masks");
        DeoccException.checkArgument(images.size() == masks.size(), "got " + images.size() + " images but "
                + masks.size() + " masks: give one mask per image");
        int width = images.get(0).width();
        int height = images.get(0).height();
        int plane = width * height;
        float[] data = new float[images.size() * 4 * plane];
        for (int n = 0; n < images.size(); n++) {
            RgbImage image = images.get(n);
            BinaryMask mask = masks.get(n);
            checkSize(image.width(), image.height(), width, height, "image " + n);
            checkSize(mask.width(), mask.height(), width, height, "mask " + n);
            int[] rgb = image.toArray();
            int base = n * 4 * plane;
            for (int i = 0; i < plane; i++) {
                data[base + i] = ((rgb[i] >> 16) & 0xFF) / 255f;
                data[base + plane + i] = ((rgb[i] >> 8) & 0xFF) / 255f;
                data[base + 2 * plane + i] = (rgb[i] & 0xFF) / 255f;
                data[base + 3 * plane + i] = mask.get(i) ? 1f : 0f;
            }
        }
        return manager.create(data, new Shape(images.size(), 4, height, width));
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
