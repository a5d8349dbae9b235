package io.deocc.engine.onnx.internal;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.mask.network.MaskNetwork;

/** The {@code onnx-mask} completer: {@link MaskNetwork#complete} with ONNX Runtime doing the forward pass. */
final class OnnxMaskCompleter extends OnnxComponent implements MaskCompleter {
    private final MaskNetwork network;
    private final double threshold;

    OnnxMaskCompleter(ComponentDescriptor descriptor, ResourceLimits limits, OnnxSession session, MaskNetwork network,
            double threshold) {
        super(descriptor, limits, session);
        this.network = network;
        this.threshold = threshold;
    }

    @Override
    public MaskCompletion complete(RgbImage image, PersonInstance person) {
        return whileOpen(() -> network.complete(session(), image, person, threshold, limits(), descriptor().name()));
    }
}
