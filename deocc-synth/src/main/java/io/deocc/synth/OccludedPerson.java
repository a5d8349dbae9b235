package io.deocc.synth;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A real person with synthetic occluders pasted in front (see {@link Occlusions#occlude}).
 *
 * @param image the input image with the occluders painted over it; it differs from the input only inside {@code occluder}
 * @param visible the person's visible pixels: the whole-person mask minus {@code occluder}; never empty
 * @param occluder the pixels the occluders cover (they may also cover background)
 * @param segmenterMask {@code visible} degraded like an instance segmenter's output (equal to
 *     {@code visible} when the settings switch the noise off)
 * @param occluders the occluder kinds used
 */
public record OccludedPerson(RgbImage image, BinaryMask visible, BinaryMask occluder, BinaryMask segmenterMask,
        Set<OccluderKind> occluders) {
    public OccludedPerson {
        checkNotNull(image, "image");
        checkNotNull(visible, "visible");
        checkNotNull(occluder, "occluder");
        checkNotNull(segmenterMask, "segmenterMask");
        checkNotNull(occluders, "occluders");
        checkArgument(!visible.isEmpty(), "the visible mask is empty: an occluded person must keep some pixels visible");
        checkArgument(visible.intersectionArea(occluder) == 0, "the visible mask overlaps the occluder: visible pixels cannot be covered");
        occluders = occluders.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(occluders));
    }
}
