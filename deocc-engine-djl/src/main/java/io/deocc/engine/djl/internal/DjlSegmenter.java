package io.deocc.engine.djl.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.mask.crop.PersonCrop;
import io.deocc.mask.region.ConnectedComponents;
import io.deocc.mask.region.ConnectedComponents.Connectivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code djl-segmenter}. A call letterboxes the whole image into the card's {@code S × S} input
 * (a centred square of the image's longer side, black around the image, see
 * {@link PersonCrop#letterbox}), runs the network on RGB in [0, 1] normalised as the card says, turns
 * the logits into probabilities with a sigmoid, maps them back to the image's full size bilinearly and
 * only then thresholds them. The foreground is split into people by 8-connected components; those
 * smaller than {@code min-area} of the image are dropped, the rest are ordered by area, largest first
 * (ids 1..n; equal areas keep raster order), and at most {@code max-people} are kept. A person's score
 * is its mean probability. An image with nobody gives an empty list.
 *
 * <p>See {@link SegmentationNetwork} for the network's part and {@link NetworkComponent} for thread safety.
 */
final class DjlSegmenter extends NetworkComponent implements Segmenter {
    private static final Logger LOG = LoggerFactory.getLogger(DjlSegmenter.class);

    private final SegmentationNetwork network;
    private final double threshold;
    private final double minArea;
    private final int maxPeople;

    DjlSegmenter(ComponentDescriptor descriptor, ResourceLimits limits, Block block, NDManager modelManager,
            SegmentationNetwork network, double threshold, double minArea, int maxPeople) {
        super(descriptor, limits, block, modelManager);
        this.network = network;
        this.threshold = threshold;
        this.minArea = minArea;
        this.maxPeople = maxPeople;
    }

    @Override
    public List<PersonInstance> segment(SegmentationRequest request) {
        return whileOpen(() -> {
            checkNotNull(request, "request");
            RgbImage image = request.image();
            limits().checkImageSize("image", image.width(), image.height());
            float[] probabilities = network.probabilities(block(), modelManager(), image, limits(),
                    "the " + descriptor().name() + " letterbox of the whole image");
            BinaryMask foreground = BinaryMask.fromIndex(image.width(), image.height(),
                    i -> probabilities[i] >= threshold);
            return people(foreground, probabilities);
        });
    }

    /** The foreground's 8-connected components of at least {@code min-area}, largest first, at most {@code max-people}. */
    private List<PersonInstance> people(BinaryMask foreground, float[] probabilities) {
        ConnectedComponents parts = ConnectedComponents.of(foreground, Connectivity.EIGHT);
        long pixels = (long) foreground.width() * foreground.height();
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
