package io.deocc.mask.internal;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.MaskCompleter;

/**
 * The {@code reference} mask completer: fits a typical pose mask to the visible mask (see
 * {@link ReferenceMaskCompleterFit}). The refined visible mask is the input mask unchanged. Holds
 * no mutable state, so one instance serves any number of threads.
 */
final class ReferenceMaskCompleter implements MaskCompleter {
    private final ComponentDescriptor descriptor;
    private final ReferenceMaskCompleterFit fit;
    private final ResourceLimits limits;
    private volatile boolean closed;

    ReferenceMaskCompleter(ComponentDescriptor descriptor, ReferenceMaskCompleterFit fit, ResourceLimits limits) {
        this.descriptor = descriptor;
        this.fit = fit;
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
        // The mask's own box: a person's box field may be looser than its mask.
        Box box = visible.boundingBox().orElseThrow(() -> new DeoccException(ErrorCode.EMPTY_MASK,
                "person " + person.id() + " has an empty visible mask: give a mask with at least one foreground pixel"));
        // checked before the fit allocates anything per pixel, so an oversized person fails alone
        Box region = fit.searchRegion(image.width(), image.height(), box);
        limits.checkCropSize("the reference completer's search window around person " + person.id(), region.width(), region.height());
        BinaryMask amodal = fit.complete(image, visible, box);
        return new MaskCompletion(visible, amodal);
    }

    @Override
    public void close() {
        closed = true;
    }
}
