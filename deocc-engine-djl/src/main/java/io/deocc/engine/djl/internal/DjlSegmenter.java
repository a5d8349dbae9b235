package io.deocc.engine.djl.internal;


import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.deocc.api.ResourceLimits;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.network.PersonCrop;
import io.deocc.mask.network.SegmentationNetwork;
import io.deocc.mask.network.SegmentationSettings;
import java.util.List;

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
    private final SegmentationNetwork network;
    private final SegmentationSettings settings;

    DjlSegmenter(ComponentDescriptor descriptor, ResourceLimits limits, Block block, NDManager modelManager,
            SegmentationNetwork network, SegmentationSettings settings) {
        super(descriptor, limits, block, modelManager);
        this.network = network;
        this.settings = settings;
    }

    @Override
    public List<PersonInstance> segment(SegmentationRequest request) {
        return whileOpen(() -> network.segment(function(), request, settings, limits(), descriptor().name()));
    }
}
