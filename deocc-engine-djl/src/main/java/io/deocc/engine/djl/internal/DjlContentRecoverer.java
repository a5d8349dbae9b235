package io.deocc.engine.djl.internal;

import io.deocc.content.network.ContentNetwork;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;

/**
 * The {@code djl-content} recoverer: {@link ContentNetwork#recover} on the person's masks; visible pixels
 * stay exactly as they were. See {@link NetworkComponent} for thread safety.
 */
final class DjlContentRecoverer extends NetworkComponent implements ContentRecoverer {
    private final ContentNetwork network;

    DjlContentRecoverer(ComponentDescriptor descriptor, ResourceLimits limits, Block block, NDManager modelManager,
            ContentNetwork network) {
        super(descriptor, limits, block, modelManager);
        this.network = network;
    }

    @Override
    public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
        return whileOpen(() -> network.recover(function(), image, person, masks, limits(), descriptor().name()));
    }
}
