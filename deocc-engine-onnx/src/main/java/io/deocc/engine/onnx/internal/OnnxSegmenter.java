package io.deocc.engine.onnx.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.mask.network.SegmentationNetwork;
import java.util.List;

/**
 * The {@code onnx-segmenter}: {@link SegmentationNetwork#probabilities} with ONNX Runtime doing the forward
 * pass, then {@link SegmentationNetwork#people}.
 */
final class OnnxSegmenter extends OnnxComponent implements Segmenter {
    private final SegmentationNetwork network;
    private final double threshold;
    private final double minArea;
    private final int maxPeople;

    OnnxSegmenter(ComponentDescriptor descriptor, ResourceLimits limits, OnnxSession session, SegmentationNetwork network,
            double threshold, double minArea, int maxPeople) {
        super(descriptor, limits, session);
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
            float[] probabilities = network.probabilities(session(), image, limits(),
                    "the " + descriptor().name() + " letterbox of the whole image");
            return SegmentationNetwork.people(probabilities, image.width(), image.height(), threshold, minArea, maxPeople);
        });
    }
}
