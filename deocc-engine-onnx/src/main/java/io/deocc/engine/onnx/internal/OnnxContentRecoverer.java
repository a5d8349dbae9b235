package io.deocc.engine.onnx.internal;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.content.network.ContentNetwork;

/** The {@code onnx-content} recoverer: {@link ContentNetwork#recover} with ONNX Runtime doing the forward pass. */
final class OnnxContentRecoverer extends OnnxComponent implements ContentRecoverer {
    private final ContentNetwork network;

    OnnxContentRecoverer(ComponentDescriptor descriptor, ResourceLimits limits, OnnxSession session, ContentNetwork network) {
        super(descriptor, limits, session);
        this.network = network;
    }

    @Override
    public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
        return whileOpen(() -> network.recover(session(), image, person, masks, limits(), descriptor().name()));
    }
}
