package io.deocc.content.internal;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.content.composite.Compositing;

/**
 * The {@code mean-colour} baseline: the hidden region takes the rounded mean colour of the refined
 * visible pixels (of the segmenter's mask when the refined one is empty). Stateless.
 */
final class MeanColourContentRecoverer implements ContentRecoverer {
    private final ComponentDescriptor descriptor;
    private final ResourceLimits limits;
    private volatile boolean closed;

    MeanColourContentRecoverer(ComponentDescriptor descriptor, ResourceLimits limits) {
        this.descriptor = descriptor;
        this.limits = limits;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
        ComponentInputs.checkOpen(closed, descriptor);
        ComponentInputs.checkMasks(image, person, masks, limits);
        BinaryMask invisible = masks.invisible();
        if (invisible.isEmpty()) {
            return Compositing.compose(image, masks, image);
        }
        BinaryMask source = masks.refinedVisible().isEmpty() ? person.visibleMask() : masks.refinedVisible();
        int mean = meanColour(image, source);
        int[] painted = image.toArray();
        for (int i = 0; i < painted.length; i++) {
            if (invisible.get(i)) {
                painted[i] = mean;
            }
        }
        return Compositing.compose(image, masks, RgbImage.of(image.width(), image.height(), painted));
    }

    /** The per-channel mean over the mask, rounded half up; the mask is never empty here. */
    static int meanColour(RgbImage image, BinaryMask mask) {
        int[] pixels = image.toArray();
        long r = 0;
        long g = 0;
        long b = 0;
        long n = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (mask.get(i)) {
                r += (pixels[i] >> 16) & 0xFF;
                g += (pixels[i] >> 8) & 0xFF;
                b += pixels[i] & 0xFF;
                n++;
            }
        }
        return (int) ((r + n / 2) / n) << 16 | (int) ((g + n / 2) / n) << 8 | (int) ((b + n / 2) / n);
    }

    @Override
    public void close() {
        closed = true;
    }
}
