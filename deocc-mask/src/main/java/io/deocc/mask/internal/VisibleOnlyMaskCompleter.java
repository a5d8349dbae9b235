package io.deocc.mask.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
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
        if (closed) {
            throw new DeoccException(ErrorCode.COMPONENT_CLOSED,
                    "mask completer '" + descriptor.name() + "' is closed: create a new one from its factory");
        }
        checkNotNull(image, "image");
        checkNotNull(person, "person");
        BinaryMask visible = person.visibleMask();
        if (visible.width() != image.width() || visible.height() != image.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "person " + person.id() + " has a " + visible.width() + "x" + visible.height()
                    + " mask but the image is " + image.width() + "x" + image.height() + ": give masks of the image's size");
        }
        limits.checkImageSize("image", image.width(), image.height());
        return new MaskCompletion(visible, visible);
    }

    @Override
    public void close() {
        closed = true;
    }
}
