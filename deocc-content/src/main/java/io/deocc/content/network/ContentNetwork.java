package io.deocc.content.network;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.network.NetworkFunction;
import io.deocc.api.network.PersonCrop;
import io.deocc.content.composite.Compositing;
import java.util.List;
import java.util.Optional;

/**
 * How the content stage runs a network, whatever engine runs it — one implementation for every engine's
 * content recoverer and for validation during training.
 *
 * <p>A call crops a square window around the person's amodal box, builds the 5-channel input of
 * {@link ContentTensors#input} (RGB in [−1, 1] with the hidden region erased and the background dimmed,
 * visible and amodal masks) and, for networks with parsing guided attention, the one-hot visible and
 * amodal parsings; runs the network; maps its RGB in [−1, 1] back to colours; pastes them back at the
 * image's size bilinearly; and lets {@link Compositing} keep every pixel outside the hidden region
 * exactly as it was.
 *
 * <p>When a parsing-guided network gets masks without parsing (e.g. from a completer that gives
 * none), the parsing inputs are all zero: the attention then sees no body parts, which degrades the
 * result but never fails the call.
 *
 * @param inputSize the network's square input side S
 * @param context crop side over the longer side of the amodal box
 * @param parsingInput whether the network takes the two parsing maps after the image (PGA)
 */
public record ContentNetwork(int inputSize, double context, boolean parsingInput) {
    /** Setting of every engine's network recoverer: crop context factor (default {@link PersonCrop#DEFAULT_CONTEXT}). */
    public static final String CONTEXT_KEY = "context";

    /** Validates the sizes. */
    public ContentNetwork {
        DeoccException.checkArgument(inputSize >= 1 && inputSize <= PersonCrop.MAX_SIZE, "network input size "
                + inputSize + " is out of range: give 1 to " + PersonCrop.MAX_SIZE);
        DeoccException.checkArgument(Double.isFinite(context) && context >= 1 && context <= 16, "crop context "
                + context + " is out of range: give 1 to 16");
    }

    /** The {@value #CONTEXT_KEY} setting, 1 to 16. */
    public static double contextSetting(ComponentConfig config) {
        DeoccException.checkNotNull(config, "config");
        return config.getDouble(CONTEXT_KEY, PersonCrop.DEFAULT_CONTEXT, 1.0, 16.0);
    }

    /** The crop the network sees for a person whose amodal mask has {@code box}. */
    public PersonCrop crop(Box box, int imageWidth, int imageHeight) {
        return PersonCrop.around(box, imageWidth, imageHeight, inputSize, context);
    }

    /**
     * The network's inputs for cropped people: the 5-channel image, then (with parsing input) the one-hot
     * visible and amodal parsings.
     */
    public List<FloatTensor> inputs(List<RgbImage> crops, List<BinaryMask> visible, List<BinaryMask> amodal,
            List<ParsingMap> visibleParsing, List<ParsingMap> amodalParsing) {
        FloatTensor image = ContentTensors.input(crops, visible, amodal);
        if (!parsingInput) {
            return List.of(image);
        }
        return List.of(image, ContentTensors.parsingOneHot(visibleParsing), ContentTensors.parsingOneHot(amodalParsing));
    }

    /**
     * {@link #recover(NetworkFunction, RgbImage, MaskCompletion, ResourceLimits, String)} under the default
     * limits (validation during training).
     */
    public ContentRecovery recover(NetworkFunction network, RgbImage image, MaskCompletion masks) {
        return recover(network, image, masks, ResourceLimits.defaults(), "the content network's crop");
    }

    /**
     * What a content recoverer component does for a call: checks the image, person and masks as the SPI
     * requires, then {@link #recover(NetworkFunction, RgbImage, MaskCompletion, ResourceLimits, String)}.
     *
     * @param component the component's name, for messages
     */
    public ContentRecovery recover(NetworkFunction network, RgbImage image, PersonInstance person, MaskCompletion masks,
            ResourceLimits limits, String component) {
        ComponentInputs.checkMasks(image, person, masks, limits);
        return recover(network, image, masks, limits,
                "the " + component + " crop around person " + person.id() + " (context " + context + ")");
    }

    /**
     * Paints one person's hidden region; the crop is checked against the limits first.
     *
     * @param limits whose {@link ResourceLimits#maxCropPixels()} bounds the crop
     * @param cropName names the crop and its person in a {@link ErrorCode#CROP_TOO_LARGE} error
     */
    public ContentRecovery recover(NetworkFunction network, RgbImage image, MaskCompletion masks, ResourceLimits limits,
            String cropName) {
        DeoccException.checkNotNull(network, "network");
        DeoccException.checkNotNull(image, "image");
        DeoccException.checkNotNull(masks, "masks");
        BinaryMask amodal = masks.amodal();
        Box box = amodal.boundingBox().orElseThrow(() -> new DeoccException(ErrorCode.EMPTY_MASK,
                "the person's amodal mask is empty: give masks with at least one pixel"));
        // before any buffer or tensor of the crop exists
        PersonCrop crop = crop(box, image.width(), image.height()).checkWithin(limits, cropName);
        ParsingMap noParts = ParsingMap.of(inputSize, inputSize, new byte[inputSize * inputSize]);
        List<FloatTensor> inputs = inputs(List.of(crop.cropImage(image)), List.of(crop.cropMask(masks.refinedVisible())),
                List.of(crop.cropMask(amodal)),
                List.of(croppedParsing(crop, masks.visibleParsing(), noParts)),
                List.of(croppedParsing(crop, masks.amodalParsing(), noParts)));
        List<FloatTensor> outputs = network.apply(inputs);
        FloatTensor output = outputs.isEmpty() ? null : outputs.get(0);
        if (output == null || !output.hasShape(1, ContentTensors.OUTPUT_CHANNELS, inputSize, inputSize)) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "the content network gave "
                    + (output == null ? "no output" : output.shapeText()) + " instead of [1, "
                    + ContentTensors.OUTPUT_CHANNELS + ", " + inputSize + ", " + inputSize
                    + "] (RGB in [-1, 1]): give a network and card that match");
        }
        return Compositing.compose(image, masks, pasteColours(crop, output, image));
    }

    private static ParsingMap croppedParsing(PersonCrop crop, Optional<ParsingMap> parsing, ParsingMap noParts) {
        return parsing.map(crop::cropLabels).orElse(noParts);
    }

    /** The crop's RGB in [−1, 1] (3 planes, clamped) back at the image's size; the input's pixels outside the window. */
    private RgbImage pasteColours(PersonCrop crop, FloatTensor planes, RgbImage image) {
        int plane = inputSize * inputSize;
        float[][] channels = new float[3][];
        for (int c = 0; c < 3; c++) {
            float[] grid = planes.copyValues(c * plane, plane);
            for (int i = 0; i < plane; i++) {
                grid[i] = Math.max(-1f, Math.min(1f, grid[i]));
            }
            channels[c] = crop.pasteProbabilities(grid);
        }
        int[] rgb = image.toArray();
        Box window = crop.visibleWindow();
        int width = image.width();
        for (int y = window.y(); y < window.maxY(); y++) {
            for (int x = window.x(); x < window.maxX(); x++) {
                int i = y * width + x;
                rgb[i] = toByte(channels[0][i]) << 16 | toByte(channels[1][i]) << 8 | toByte(channels[2][i]);
            }
        }
        return RgbImage.of(width, image.height(), rgb);
    }

    private static int toByte(float signed) {
        return Math.max(0, Math.min(255, Math.round((signed + 1f) * 127.5f)));
    }
}
