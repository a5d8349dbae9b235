package io.deocc.engine.onnx.internal;

import io.deocc.api.ResourceLimits;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.mask.network.SegmentationNetwork;
import io.deocc.mask.network.SegmentationSettings;
import java.util.List;

/**
 * The {@code onnx-segmenter}: {@link SegmentationNetwork#segment} with ONNX Runtime doing the forward pass.
 */
final class OnnxSegmenter extends OnnxComponent implements Segmenter {
    private final SegmentationNetwork network;
    private final SegmentationSettings settings;

    OnnxSegmenter(ComponentDescriptor descriptor, ResourceLimits limits, OnnxSession session, SegmentationNetwork network,
            SegmentationSettings settings) {
        super(descriptor, limits, session);
        this.network = network;
        this.settings = settings;
    }

    @Override
    public List<PersonInstance> segment(SegmentationRequest request) {
        return whileOpen(() -> network.segment(session(), request, settings, limits(), descriptor().name()));
    }
}
