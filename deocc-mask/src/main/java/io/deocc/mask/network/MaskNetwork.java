package io.deocc.mask.network;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.network.ImageTensors;
import io.deocc.api.network.NetworkFunction;
import io.deocc.api.network.Normalisation;
import io.deocc.api.network.PersonCrop;
import java.util.List;
import java.util.Optional;

/**
 * How the mask stage runs a network, whatever engine runs it — one implementation for every engine's
 * mask completer and for validation during training, so that a model is scored exactly as it is used.
 *
 * <p>A call crops a square window around the person's input-mask box ({@link PersonCrop}, the given
 * context), resizes it to S×S, feeds RGB in [0, 1] (normalised as the card says) plus the input mask
 * (N×4×S×S), and reads the outputs by their layout:
 * <ul>
 *   <li>one array with 1 channel (U-Net, ResNet-UNet, AE; a VAE's first output): amodal logits, sigmoid;</li>
 *   <li>one array with 2 channels: background/person logits, softmax;</li>
 *   <li>the stacked network's four arrays: visible parsing ({@value #PARSING_CLASSES} classes), refined
 *       visible, amodal parsing, amodal — then the refined visible mask and both parsings come from the
 *       network too;</li>
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
    /** Input channels: red, green, blue, input mask. */
    public static final int INPUT_CHANNELS = 4;
    /** Classes of a two-class mask output: background, person. */
    public static final int MASK_CLASSES = 2;
    /** Classes of a parsing output: LIP's 20, background included. */
    public static final int PARSING_CLASSES = LipClass.COUNT;
    /** Output order of the stacked network: visible parsing logits. */
    public static final int VISIBLE_PARSING = 0;
    /** Output order of the stacked network: refined visible mask logits. */
    public static final int REFINED_VISIBLE = 1;
    /** Output order of the stacked network: amodal parsing logits. */
    public static final int AMODAL_PARSING = 2;
    /** Output order of the stacked network: amodal mask logits. */
    public static final int AMODAL = 3;
    /** Output order of the plain stack: refined visible mask logits. */
    public static final int PLAIN_REFINED_VISIBLE = 0;
    /** Output order of the plain stack: amodal mask logits. */
    public static final int PLAIN_AMODAL = 1;

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
    public FloatTensor input(List<RgbImage> crops, List<BinaryMask> cropMasks) {
        return ImageTensors.normalise(ImageTensors.imagesWithMasks(crops, cropMasks), normalisation);
    }

    /**
     * {@link #complete(NetworkFunction, RgbImage, BinaryMask, double, ResourceLimits, String)} under the
     * default limits (validation during training).
     */
    public MaskCompletion complete(NetworkFunction network, RgbImage image, BinaryMask inputMask, double threshold) {
        return complete(network, image, inputMask, threshold, ResourceLimits.defaults(), "the mask network's crop");
    }

    /**
     * What a mask completer component does for a call: checks the image and person as the SPI requires,
     * then {@link #complete(NetworkFunction, RgbImage, BinaryMask, double, ResourceLimits, String)} on the
     * person's visible mask.
     *
     * @param component the component's name, for messages
     */
    public MaskCompletion complete(NetworkFunction network, RgbImage image, PersonInstance person, double threshold,
            ResourceLimits limits, String component) {
        ComponentInputs.checkPerson(image, person, limits);
        return complete(network, image, person.visibleMask(), threshold, limits,
                "the " + component + " crop around person " + person.id() + " (context " + context + ")");
    }

    /**
     * Completes one person: crop, check the crop against the limits, run the network, paste back, threshold.
     *
     * @param inputMask the person's visible (segmenter) mask at the image's size; must not be empty
     * @param threshold the probability at which a pixel counts as amodal (or refined visible)
     * @param limits whose {@link ResourceLimits#maxCropPixels()} bounds the crop
     * @param cropName names the crop and its person in a {@link ErrorCode#CROP_TOO_LARGE} error
     */
    public MaskCompletion complete(NetworkFunction network, RgbImage image, BinaryMask inputMask, double threshold,
            ResourceLimits limits, String cropName) {
        DeoccException.checkNotNull(network, "network");
        DeoccException.checkNotNull(image, "image");
        DeoccException.checkNotNull(inputMask, "inputMask");
        Box box = inputMask.boundingBox().orElseThrow(() -> new DeoccException(ErrorCode.EMPTY_MASK,
                "the person's input mask is empty: give a mask with at least one pixel"));
        // before any buffer or tensor of the crop exists
        PersonCrop crop = crop(box, image.width(), image.height()).checkWithin(limits, cropName);
        FloatTensor input = input(List.of(crop.cropImage(image)), List.of(crop.cropMask(inputMask)));
        Grids grids = read(network.apply(List.of(input)));
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
    private Grids read(List<FloatTensor> outputs) {
        if (outputs.size() == 4 && channels(outputs.get(AMODAL)) == MASK_CLASSES) {
            return new Grids(foreground(outputs.get(AMODAL)), Optional.of(foreground(outputs.get(REFINED_VISIBLE))),
                    Optional.of(argmax(outputs.get(VISIBLE_PARSING))), Optional.of(argmax(outputs.get(AMODAL_PARSING))));
        }
        if (outputs.size() == 2 && channels(outputs.get(0)) == MASK_CLASSES && channels(outputs.get(1)) == MASK_CLASSES) {
            return new Grids(foreground(outputs.get(PLAIN_AMODAL)), Optional.of(foreground(outputs.get(PLAIN_REFINED_VISIBLE))),
                    Optional.empty(), Optional.empty());
        }
        if (outputs.isEmpty()) {
            throw unexpected(outputs);
        }
        FloatTensor first = outputs.get(0);
        float[] amodal = switch ((int) channels(first)) {
            case 1 -> sigmoid(first);
            case 2 -> foreground(first);
            default -> throw unexpected(outputs);
        };
        return new Grids(amodal, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static long channels(FloatTensor tensor) {
        return tensor.rank() == 4 ? tensor.dim(1) : -1;
    }

    /** A 1-channel logit map's sigmoid. */
    private float[] sigmoid(FloatTensor logits) {
        checkGrid(logits, 1, "mask logits");
        float[] probabilities = new float[logits.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = NetworkOutputs.sigmoid(logits.get(i));
        }
        return probabilities;
    }

    /** The person probability of a background/person logit pair: the softmax's second channel. */
    private float[] foreground(FloatTensor logits) {
        checkGrid(logits, MASK_CLASSES, "mask logits");
        int plane = inputSize * inputSize;
        float[] probabilities = new float[plane];
        for (int i = 0; i < plane; i++) {
            probabilities[i] = NetworkOutputs.sigmoid(logits.get(plane + i) - logits.get(i));
        }
        return probabilities;
    }

    private ParsingMap argmax(FloatTensor logits) {
        checkGrid(logits, PARSING_CLASSES, "parsing logits");
        int plane = inputSize * inputSize;
        byte[] labels = new byte[plane];
        for (int i = 0; i < plane; i++) {
            int best = 0;
            float bestValue = logits.get(i);
            for (int c = 1; c < PARSING_CLASSES; c++) {
                float value = logits.get(c * plane + i);
                // strictly greater: ties keep the lowest class, as argmax does in the engines
                if (value > bestValue) {
                    best = c;
                    bestValue = value;
                }
            }
            labels[i] = (byte) best;
        }
        return ParsingMap.of(inputSize, inputSize, labels);
    }

    private void checkGrid(FloatTensor tensor, int channels, String what) {
        if (!tensor.hasShape(1, channels, inputSize, inputSize)) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "the mask network gave " + what + " of shape "
                    + tensor.shapeText() + " instead of [1, " + channels + ", " + inputSize + ", " + inputSize
                    + "]: its model card's input size or classes do not match the network; use the card made with it");
        }
    }

    private static DeoccException unexpected(List<FloatTensor> outputs) {
        return new DeoccException(ErrorCode.MODEL_INVALID, "the mask network returned "
                + outputs.stream().map(FloatTensor::shapeText).toList() + ": give a network whose first output is"
                + " N x 1 (amodal logits) or N x 2 (background/person logits) x S x S, or the stacked network's four outputs");
    }

    private record Grids(float[] amodal, Optional<float[]> refinedVisible, Optional<ParsingMap> visibleParsing,
            Optional<ParsingMap> amodalParsing) {
    }
}
