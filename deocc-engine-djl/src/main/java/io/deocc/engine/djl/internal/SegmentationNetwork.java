package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.engine.djl.model.Normalisation;
import io.deocc.mask.crop.PersonCrop;
import java.util.List;

/**
 * How the person segmentation network runs — one implementation for the {@code djl-segmenter} and
 * for validation during training: the whole image letterboxed into S×S ({@link PersonCrop#letterbox}),
 * RGB in [0, 1] normalised as the card says, one person logit per pixel, sigmoid, and the
 * probabilities brought back to the image's size bilinearly (thresholding is the caller's).
 *
 * @param inputSize the network's square input side S
 * @param normalisation the card's colour normalisation
 */
public record SegmentationNetwork(int inputSize, Normalisation normalisation) {
    /** Validates the size. */
    public SegmentationNetwork {
        DeoccException.checkArgument(inputSize >= 1 && inputSize <= PersonCrop.MAX_SIZE, "network input size "
                + inputSize + " is out of range: give 1 to " + PersonCrop.MAX_SIZE);
        DeoccException.checkNotNull(normalisation, "normalisation");
    }

    /** The letterbox the network sees for an image. */
    public PersonCrop letterbox(int imageWidth, int imageHeight) {
        return PersonCrop.letterbox(imageWidth, imageHeight, inputSize);
    }

    /** The network's N×3×S×S input from letterboxed images. */
    public NDArray input(NDManager manager, List<RgbImage> letterboxed) {
        return ImageTensors.normalise(ImageTensors.images(manager, letterboxed), normalisation);
    }

    /**
     * {@link #probabilities(Block, NDManager, RgbImage, ResourceLimits, String)} under the default limits
     * (validation during training).
     */
    public float[] probabilities(Block block, NDManager manager, RgbImage image) {
        return probabilities(block, manager, image, ResourceLimits.defaults(), "the segmentation network's letterbox");
    }

    /**
     * Person probabilities at the image's size, row-major; the letterbox is checked against the limits
     * first, and the sub-manager of {@code manager} it works in is freed before returning.
     *
     * @param limits whose {@link ResourceLimits#maxCropPixels()} bounds the letterbox (the whole image)
     * @param cropName names the letterbox in a {@link ErrorCode#CROP_TOO_LARGE} error
     */
    public float[] probabilities(Block block, NDManager manager, RgbImage image, ResourceLimits limits, String cropName) {
        DeoccException.checkNotNull(block, "block");
        DeoccException.checkNotNull(image, "image");
        // before any buffer or tensor of the letterbox exists
        PersonCrop letterbox = letterbox(image.width(), image.height()).checkWithin(limits, cropName);
        float[] grid;
        try (NDManager call = manager.newSubManager()) {
            NDArray input = input(call, List.of(letterbox.cropImage(image)));
            NDArray logits = block.forward(new ParameterStore(call, false), new NDList(input), false).get(0);
            Shape expected = new Shape(1, 1, inputSize, inputSize);
            if (!logits.getShape().equals(expected)) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "the segmentation network gave " + logits.getShape()
                        + " instead of " + expected + " (one person logit per pixel): give a network and card that match");
            }
            grid = Activation.sigmoid(logits).toFloatArray();
        }
        return letterbox.pasteProbabilities(grid);
    }
}
