package io.deocc.mask.internal;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.MaskCompleter;

/** The {@code visible-only} baseline: returns the input visible mask as both refined visible and amodal mask. Stateless. */
final class VisibleOnlyMaskCompleter implements MaskCompleter {
    private final ComponentDescriptor descriptor;
    private final ResourceLimits limits;
    private volatile boolean closed;

    VisibleOnlyMaskCompleter(ComponentDescriptor descriptor, ResourceLimits limits) {
        this.descriptor = descriptor;
        this.limits = limits;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public MaskCompletion complete(RgbImage image, PersonInstance person) {
        ComponentInputs.checkOpen(closed, descriptor);
        ComponentInputs.checkPerson(image, person, limits);
        BinaryMask visible = person.visibleMask();
        return new MaskCompletion(visible, visible);
    }

    @Override
    public void close() {
        closed = true;
    }
}
