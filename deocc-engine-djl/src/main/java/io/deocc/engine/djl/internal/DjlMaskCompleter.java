package io.deocc.engine.djl.internal;

import io.deocc.mask.network.MaskNetwork;
import ai.djl.ndarray.NDManager;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import ai.djl.nn.Block;

/**
 * The {@code djl-mask} completer: {@link MaskNetwork#complete} on the person's visible mask — so the
 * stacked network also refines the visible mask and gives both parsings, while single-output networks
 * keep the input mask as the refined visible mask. See {@link NetworkComponent} for thread safety.
 */
final class DjlMaskCompleter extends NetworkComponent implements MaskCompleter {
    private final MaskNetwork network;
    private final double threshold;

    DjlMaskCompleter(ComponentDescriptor descriptor, ResourceLimits limits, Block block, NDManager modelManager,
            MaskNetwork network, double threshold) {
        super(descriptor, limits, block, modelManager);
        this.network = network;
        this.threshold = threshold;
    }

    @Override
    public MaskCompletion complete(RgbImage image, PersonInstance person) {
        return whileOpen(() -> network.complete(function(), image, person, threshold, limits(), descriptor().name()));
    }
}
