package io.deocc.content.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.content.composite.Compositing;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code reference} content recoverer. Holds no per-call state, so one instance serves
 * concurrent calls.
 */
final class ReferenceContentRecoverer implements ContentRecoverer {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceContentRecoverer.class);

    private final ComponentDescriptor descriptor;
    private final ExemplarSettings settings;
    private final ResourceLimits limits;
    private final AtomicBoolean closed = new AtomicBoolean();

    ReferenceContentRecoverer(ComponentDescriptor descriptor, ExemplarSettings settings, ResourceLimits limits) {
        this.descriptor = checkNotNull(descriptor, "descriptor");
        this.settings = checkNotNull(settings, "settings");
        this.limits = checkNotNull(limits, "limits");
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
        ComponentInputs.checkOpen(closed.get(), descriptor);
        ComponentInputs.checkMasks(image, person, masks, limits);

        BinaryMask invisible = masks.invisible();
        if (invisible.isEmpty()) {
            return Compositing.compose(image, masks, image);
        }
        BinaryMask visible = masks.refinedVisible();
        if (visible.isEmpty()) {
            return fillWithMeanColour(image, person, masks, invisible);
        }
        Box crop = masks.amodal().boundingBox().orElseThrow();
        // the inpainter's buffers are the crop's size: checked before any is allocated, so an oversized person fails alone
        limits.checkCropSize("the reference recoverer's crop around person " + person.id() + " (its amodal box)", crop.width(), crop.height());
        return Compositing.compose(image, masks, paintCrop(image, person, masks, crop), crop);
    }

    private RgbImage paintCrop(RgbImage image, PersonInstance person, MaskCompletion masks, Box crop) {
        int width = crop.width();
        int height = crop.height();
        int[] rgb = image.crop(crop).toArray();
        boolean[] visible = masks.refinedVisible().crop(crop).toArray();
        boolean[] amodal = masks.amodal().crop(crop).toArray();
        byte[] role = new byte[width * height];
        for (int i = 0; i < role.length; i++) {
            role[i] = visible[i] ? ExemplarInpainter.SOURCE : amodal[i] ? ExemplarInpainter.HOLE : ExemplarInpainter.OUTSIDE;
        }
        int[] sourcePart = null;
        int[] holePart = null;
        Optional<ParsingMap> amodalParsing = masks.amodalParsing();
        if (settings.useParsing() && amodalParsing.isPresent()) {
            // The parts of visible pixels: the visible parsing when there is one, else the segmenter's,
            // else the amodal parsing, which labels the visible pixels too.
            ParsingMap sourceParsing = masks.visibleParsing().or(person::parsing).orElse(amodalParsing.get());
            sourcePart = parts(sourceParsing, crop, role, ExemplarInpainter.SOURCE);
            holePart = parts(amodalParsing.get(), crop, role, ExemplarInpainter.HOLE);
            boolean[] partVisible = new boolean[LipClass.COUNT];
            for (int i = 0; i < role.length; i++) {
                if (sourcePart[i] != ExemplarInpainter.ANY_PART) {
                    partVisible[sourcePart[i]] = true;
                }
            }
            for (int i = 0; i < role.length; i++) {
                if (holePart[i] != ExemplarInpainter.ANY_PART) {
                    holePart[i] = PartSubstitutes.sourcePartFor(holePart[i], partVisible);
                }
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("painting {} hidden pixels of person {} in a {}x{} crop at ({}, {}), {}", masks.invisible().area(), person.id(),
                    width, height, crop.x(), crop.y(), holePart != null ? "guided by body parts" : "without body parts");
        }
        long seed = seedOf(crop, rgb, role);
        int[] painted = new ExemplarInpainter(settings, width, height, rgb, role, sourcePart, holePart, seed).paint();
        return RgbImage.of(width, height, painted);
    }

    /** Labels of the pixels with the given role inside the crop; {@code ANY_PART} elsewhere and for background labels. */
    private static int[] parts(ParsingMap parsing, Box crop, byte[] role, byte wantedRole) {
        int[] out = new int[role.length];
        int imageWidth = parsing.width();
        for (int y = 0; y < crop.height(); y++) {
            for (int x = 0; x < crop.width(); x++) {
                int i = y * crop.width() + x;
                int label = parsing.label((crop.y() + y) * imageWidth + crop.x() + x);
                out[i] = role[i] == wantedRole && label > 0 ? label : ExemplarInpainter.ANY_PART;
            }
        }
        return out;
    }

    /** A reproducible seed from everything the painting depends on, so equal inputs paint equally. */
    private static long seedOf(Box crop, int[] rgb, byte[] role) {
        long h = 0x5DEECE66DL ^ ((long) crop.x() << 48) ^ ((long) crop.y() << 32) ^ ((long) crop.width() << 16) ^ crop.height();
        for (int i = 0; i < rgb.length; i++) {
            h = (h ^ (rgb[i] | (long) role[i] << 24)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return h;
    }

    /**
     * With nothing visible to copy from, the best single guess is the colour of what the segmenter
     * saw of the person.
     */
    private ContentRecovery fillWithMeanColour(RgbImage image, PersonInstance person, MaskCompletion masks, BinaryMask invisible) {
        BinaryMask seen = person.visibleMask();
        int[] pixels = image.toArray();
        long r = 0;
        long g = 0;
        long b = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (seen.get(i)) {
                r += (pixels[i] >> 16) & 0xFF;
                g += (pixels[i] >> 8) & 0xFF;
                b += pixels[i] & 0xFF;
            }
        }
        long n = seen.area();
        int mean = (int) ((r + n / 2) / n) << 16 | (int) ((g + n / 2) / n) << 8 | (int) ((b + n / 2) / n);
        LOG.debug("person {} has no refined visible pixels to copy from; filling its {} hidden pixels with the mean colour #{} of its segmented mask",
                person.id(), invisible.area(), String.format("%06x", mean));
        for (int i = 0; i < pixels.length; i++) {
            if (invisible.get(i)) {
                pixels[i] = mean;
            }
        }
        return Compositing.compose(image, masks, RgbImage.of(image.width(), image.height(), pixels));
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "ReferenceContentRecoverer" + settings;
    }
}
