package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.engine.djl.model.Normalisation;
import io.deocc.mask.crop.PersonCrop;
import java.util.List;
import java.util.Optional;

/**
 * How the mask stage runs a network — one implementation for the {@code djl-mask} completer and for
 * validation during training, so that a model is scored exactly as it will be used.
 *
 * <p>A call crops a square window around the person's input-mask box ({@link PersonCrop}, the given
 * context), resizes it to S×S, feeds RGB in [0, 1] (normalised as the card says) plus the input mask,
 * and reads the outputs by their layout:
 * <ul>
 *   <li>one array with 1 channel (U-Net, ResNet-UNet, AE; a VAE's first output): amodal logits, sigmoid;</li>
 *   <li>one array with 2 channels: background/person logits, softmax;</li>
 *   <li>four arrays as {@link StackedMaskNetwork} gives them: visible parsing, refined visible, amodal
 *       parsing, amodal — then the refined visible mask and both parsings come from the network too;</li>
 *   <li>two 2-channel arrays (the plain stack): refined visible and amodal.</li>
 * </ul>
 * Probabilities are pasted back at the image's size bilinearly and only then thresholded; the amodal
 * mask is OR-ed with the refined visible mask so it never loses a visible pixel. Without a refined
 * visible output, or with {@code refineVisible} off, the input mask is the refined visible mask.
 *
 * @param inputSize the network's square input side S
 * @param normalisation the card's colour normalisation
 * @param context crop side over the longer side of the input mask's box
 * @param refineVisible whether a network's refined visible mask replaces the input mask; off keeps an
 *     exact input mask (e.g. drawn by hand) pixel for pixel, which a network working at S×S can only coarsen
 */
public record MaskNetwork(int inputSize, Normalisation normalisation, double context, boolean refineVisible) {
    /** Validates the sizes. */
    public MaskNetwork {
        DeoccException.checkArgument(inputSize >= 1 && inputSize <= PersonCrop.MAX_SIZE, "network input size "
                + inputSize + " is out of range: give 1 to " + PersonCrop.MAX_SIZE);
        DeoccException.checkNotNull(normalisation, "normalisation");
        DeoccException.checkArgument(Double.isFinite(context) && context >= 1 && context <= 16, "crop context "
                + context + " is out of range: give 1 to 16");
    }

    /** The crop the network sees for a person whose input mask has {@code box}. */
    public PersonCrop crop(Box box, int imageWidth, int imageHeight) {
        return PersonCrop.around(box, imageWidth, imageHeight, inputSize, context);
    }

    /** The network's N×4×S×S input: cropped RGB (normalised) and input masks. */
    public NDArray input(NDManager manager, List<RgbImage> crops, List<BinaryMask> cropMasks) {
        return ImageTensors.normalise(ImageTensors.imagesWithMasks(manager, crops, cropMasks), normalisation);
    }

    /**
     * {@link #complete(Block, NDManager, RgbImage, BinaryMask, double, ResourceLimits, String)} under the
     * default limits (validation during training).
     */
    public MaskCompletion complete(Block block, NDManager manager, RgbImage image, BinaryMask inputMask, double threshold) {
        return complete(block, manager, image, inputMask, threshold, ResourceLimits.defaults(), "the mask network's crop");
    }

    /**
     * Completes one person: crop, check the crop against the limits, forward under a sub-manager of
     * {@code manager} (freed before returning), paste back, threshold.
     *
     * @param inputMask the person's visible (segmenter) mask at the image's size; must not be empty
     * @param threshold the probability at which a pixel counts as amodal (or refined visible)
     * @param limits whose {@link ResourceLimits#maxCropPixels()} bounds the crop
     * @param cropName names the crop and its person in a {@link ErrorCode#CROP_TOO_LARGE} error
     */
    public MaskCompletion complete(Block block, NDManager manager, RgbImage image, BinaryMask inputMask, double threshold,
            ResourceLimits limits, String cropName) {
        DeoccException.checkNotNull(block, "block");
        DeoccException.checkNotNull(image, "image");
        DeoccException.checkNotNull(inputMask, "inputMask");
        Box box = inputMask.boundingBox().orElseThrow(() -> new DeoccException(ErrorCode.EMPTY_MASK,
                "the person's input mask is empty: give a mask with at least one pixel"));
        // before any buffer or tensor of the crop exists
        PersonCrop crop = crop(box, image.width(), image.height()).checkWithin(limits, cropName);
        Grids grids;
        try (NDManager call = manager.newSubManager()) {
            NDArray input = input(call, List.of(crop.cropImage(image)), List.of(crop.cropMask(inputMask)));
            NDList outputs = block.forward(new ParameterStore(call, false), new NDList(input), false);
            grids = read(outputs);
        }
        BinaryMask refinedVisible = grids.refinedVisible()
                .filter(p -> refineVisible)
                .map(p -> crop.pasteProbabilities(p, threshold))
                .filter(m -> !m.isEmpty())
                .orElse(inputMask);
        BinaryMask amodal = crop.pasteProbabilities(grids.amodal(), threshold).or(refinedVisible);
        Optional<ParsingMap> visibleParsing = grids.visibleParsing().map(p -> crop.pasteLabels(p).restrictedTo(refinedVisible));
        Optional<ParsingMap> amodalParsing = grids.amodalParsing().map(p -> crop.pasteLabels(p).restrictedTo(amodal));
        return new MaskCompletion(refinedVisible, amodal, visibleParsing, amodalParsing);
    }

    /** The outputs of one crop (batch 1) as S×S grids. */
    private Grids read(NDList outputs) {
        int plane = inputSize * inputSize;
        if (outputs.size() == 4 && channels(outputs.get(StackedMaskNetwork.AMODAL)) == StackedMaskNetwork.MASK_CLASSES) {
            float[] amodal = checked(StackedMaskNetwork.foreground(outputs.get(StackedMaskNetwork.AMODAL)), plane);
            float[] visible = checked(StackedMaskNetwork.foreground(outputs.get(StackedMaskNetwork.REFINED_VISIBLE)), plane);
            return new Grids(amodal, Optional.of(visible),
                    Optional.of(argmax(outputs.get(StackedMaskNetwork.VISIBLE_PARSING))),
                    Optional.of(argmax(outputs.get(StackedMaskNetwork.AMODAL_PARSING))));
        }
        if (outputs.size() == 2 && channels(outputs.get(0)) == StackedMaskNetwork.MASK_CLASSES
                && channels(outputs.get(1)) == StackedMaskNetwork.MASK_CLASSES) {
            float[] visible = checked(StackedMaskNetwork.foreground(outputs.get(StackedMaskNetwork.PLAIN_REFINED_VISIBLE)), plane);
            float[] amodal = checked(StackedMaskNetwork.foreground(outputs.get(StackedMaskNetwork.PLAIN_AMODAL)), plane);
            return new Grids(amodal, Optional.of(visible), Optional.empty(), Optional.empty());
        }
        NDArray first = outputs.get(0);
        float[] amodal = switch ((int) channels(first)) {
            case 1 -> checked(Activation.sigmoid(first), plane);
            case 2 -> checked(StackedMaskNetwork.foreground(first), plane);
            default -> throw unexpected(outputs);
        };
        return new Grids(amodal, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static long channels(NDArray array) {
        Shape shape = array.getShape();
        return shape.dimension() == 4 ? shape.get(1) : -1;
    }

    private float[] checked(NDArray probabilities, int plane) {
        Shape expected = new Shape(1, 1, inputSize, inputSize);
        if (!probabilities.getShape().equals(expected)) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "the mask network gave a " + probabilities.getShape()
                    + " map instead of " + expected + ": its model card's input size does not match the network; re-export it");
        }
        float[] values = probabilities.toFloatArray();
        if (values.length != plane) {
            throw new DeoccException(ErrorCode.INTERNAL, "expected " + plane + " probabilities, got " + values.length);
        }
        return values;
    }

    private ParsingMap argmax(NDArray logits) {
        Shape expected = new Shape(1, StackedMaskNetwork.PARSING_CLASSES, inputSize, inputSize);
        if (!logits.getShape().equals(expected)) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "the mask network gave parsing logits of shape "
                    + logits.getShape() + " instead of " + expected + ": give a network with 20-class parsing heads");
        }
        NDArray labels = logits.argMax(1).toType(DataType.INT32, false);
        int[] values = labels.toIntArray();
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return ParsingMap.of(inputSize, inputSize, bytes);
    }

    private static DeoccException unexpected(NDList outputs) {
        StringBuilder shapes = new StringBuilder();
        for (NDArray output : outputs) {
            shapes.append(shapes.isEmpty() ? "" : ", ").append(output.getShape());
        }
        return new DeoccException(ErrorCode.MODEL_INVALID, "the mask network returned [" + shapes + "]: give a network"
                + " whose first output is N x 1 (amodal logits) or N x 2 (background/person logits) x S x S, or the"
                + " stacked network's four outputs");
    }

    private record Grids(float[] amodal, Optional<float[]> refinedVisible, Optional<ParsingMap> visibleParsing,
            Optional<ParsingMap> amodalParsing) {
    }
}
