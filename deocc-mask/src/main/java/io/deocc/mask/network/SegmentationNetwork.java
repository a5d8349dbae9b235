package io.deocc.mask.network;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.network.ImageTensors;
import io.deocc.api.network.NetworkFunction;
import io.deocc.api.network.Normalisation;
import io.deocc.api.network.PersonCrop;
import io.deocc.mask.region.ConnectedComponents;
import io.deocc.mask.region.ConnectedComponents.Connectivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a person segmentation network runs, whatever engine runs it — one implementation for every
 * engine's learned segmenter and for validation during training: the whole image letterboxed into S×S
 * ({@link PersonCrop#letterbox}), RGB in [0, 1] normalised as the card says, one person logit per pixel,
 * sigmoid, and the probabilities brought back to the image's size bilinearly.
 *
 * <p>{@link #people} then thresholds them and splits the foreground into people by 8-connected
 * components; those smaller than {@code minArea} of the image are dropped, the rest are ordered by area,
 * largest first (ids 1..n; equal areas keep raster order), and at most {@code maxPeople} are kept. A
 * person's score is its mean probability.
 *
 * @param inputSize the network's square input side S
 * @param normalisation the card's colour normalisation
 */
public record SegmentationNetwork(int inputSize, Normalisation normalisation) {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentationNetwork.class);

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
    public FloatTensor input(List<RgbImage> letterboxed) {
        return ImageTensors.normalise(ImageTensors.images(letterboxed), normalisation);
    }

    /**
     * {@link #probabilities(NetworkFunction, RgbImage, ResourceLimits, String)} under the default limits
     * (validation during training).
     */
    public float[] probabilities(NetworkFunction network, RgbImage image) {
        return probabilities(network, image, ResourceLimits.defaults(), "the segmentation network's letterbox");
    }

    /**
     * Person probabilities at the image's size, row-major; the letterbox is checked against the limits first.
     *
     * @param limits whose {@link ResourceLimits#maxCropPixels()} bounds the letterbox (the whole image)
     * @param cropName names the letterbox in a {@link ErrorCode#CROP_TOO_LARGE} error
     */
    public float[] probabilities(NetworkFunction network, RgbImage image, ResourceLimits limits, String cropName) {
        DeoccException.checkNotNull(network, "network");
        DeoccException.checkNotNull(image, "image");
        // before any buffer or tensor of the letterbox exists
        PersonCrop letterbox = letterbox(image.width(), image.height()).checkWithin(limits, cropName);
        List<FloatTensor> outputs = network.apply(List.of(input(List.of(letterbox.cropImage(image)))));
        FloatTensor logits = outputs.isEmpty() ? null : outputs.get(0);
        if (logits == null || !logits.hasShape(1, 1, inputSize, inputSize)) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "the segmentation network gave "
                    + (logits == null ? "no output" : logits.shapeText()) + " instead of [1, 1, " + inputSize + ", "
                    + inputSize + "] (one person logit per pixel): give a network and card that match");
        }
        float[] grid = new float[logits.size()];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = NetworkOutputs.sigmoid(logits.get(i));
        }
        return letterbox.pasteProbabilities(grid);
    }

    /**
     * What a segmenter component does for a call: checks the request and the image's size, then finds the
     * people with {@link #probabilities} and {@link #people}.
     *
     * @param component the component's name, for messages
     */
    public List<PersonInstance> segment(NetworkFunction network, SegmentationRequest request, SegmentationSettings settings,
            ResourceLimits limits, String component) {
        DeoccException.checkNotNull(request, "request");
        DeoccException.checkNotNull(settings, "settings");
        DeoccException.checkNotNull(limits, "limits");
        RgbImage image = request.image();
        limits.checkImageSize("image", image.width(), image.height());
        float[] probabilities = probabilities(network, image, limits, "the " + component + " letterbox of the whole image");
        return people(probabilities, image.width(), image.height(), settings.threshold(), settings.minArea(),
                settings.maxPeople());
    }

    /**
     * The people in an image's person probabilities: the foreground at {@code threshold}, split into
     * 8-connected components of at least {@code minArea} of the image, largest first, at most {@code maxPeople}.
     *
     * @param probabilities row-major, {@code width × height}
     */
    public static List<PersonInstance> people(float[] probabilities, int width, int height, double threshold,
            double minArea, int maxPeople) {
        DeoccException.checkNotNull(probabilities, "probabilities");
        DeoccException.checkArgument(probabilities.length == (long) width * height, "got " + probabilities.length
                + " probabilities for a " + width + "x" + height + " image: give one per pixel");
        BinaryMask foreground = BinaryMask.fromIndex(width, height, i -> probabilities[i] >= threshold);
        ConnectedComponents parts = ConnectedComponents.of(foreground, Connectivity.EIGHT);
        long pixels = (long) width * height;
        // the small slack keeps a region of exactly min-area from failing on a rounding error
        long minPixels = Math.max(1L, (long) Math.ceil(minArea * pixels - 1e-9));
        List<Integer> large = parts.labelsByAreaDescending().stream()
                .filter(label -> parts.area(label) >= minPixels)
                .toList();
        if (large.size() < parts.count()) {
            LOG.debug("dropped {} of {} regions smaller than {} pixels (setting min-area {})",
                    parts.count() - large.size(), parts.count(), minPixels, minArea);
        }
        if (large.size() > maxPeople) {
            LOG.info("found {} people; kept the {} largest (setting max-people)", large.size(), maxPeople);
            large = large.subList(0, maxPeople);
        }
        List<PersonInstance> people = new ArrayList<>(large.size());
        for (int label : large) {
            Box box = parts.box(label);
            double score = meanProbability(parts, label, box, probabilities);
            people.add(new PersonInstance(people.size() + 1, parts.mask(label), box, score, Optional.empty()));
        }
        return List.copyOf(people);
    }

    private static double meanProbability(ConnectedComponents parts, int label, Box box, float[] probabilities) {
        double sum = 0;
        for (int y = box.y(); y < box.maxY(); y++) {
            for (int x = box.x(); x < box.maxX(); x++) {
                int i = y * parts.width() + x;
                if (parts.labelAt(i) == label) {
                    sum += probabilities[i];
                }
            }
        }
        // interpolated sigmoids stay in [0, 1]; the clamp only guards the score's range against rounding
        return Math.min(1.0, Math.max(0.0, sum / parts.area(label)));
    }
}
