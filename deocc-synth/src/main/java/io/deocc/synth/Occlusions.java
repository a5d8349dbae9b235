package io.deocc.synth;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import java.util.EnumSet;
import java.util.SplittableRandom;

/**
 * Synthetic occlusion of real people: pastes occluders in front of a person given by a whole-body
 * mask, with the same occluders, share control and segmenter noise as the synthetic scenes (one
 * implementation serves both).
 */
public final class Occlusions {
    private Occlusions() {}

    /**
     * Hides part of the person {@code amodal} in {@code image}. {@link OccluderKind#BORDER} in the
     * settings is ignored (a photo cannot be re-framed); occluding people are drawn from every pose
     * family.
     *
     * @param image the photo
     * @param amodal the person's whole-body mask, same size as the image, not empty
     * @param seed any value; equal arguments give equal results
     * @param settings how much to hide and with what
     */
    public static OccludedPerson occlude(RgbImage image, BinaryMask amodal, long seed, OcclusionSettings settings) {
        checkNotNull(image, "image");
        checkNotNull(amodal, "amodal");
        checkNotNull(settings, "settings");
        if (image.width() != amodal.width() || image.height() != amodal.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the person mask is " + amodal.width() + "x" + amodal.height()
                    + " but the image is " + image.width() + "x" + image.height() + ": pass a mask of the image's size");
        }
        if (amodal.isEmpty()) {
            throw new DeoccException(ErrorCode.EMPTY_MASK, "the person mask is empty: pass a mask with the whole person set");
        }
        checkArgument(amodal.area() >= 4, "the person mask has only " + amodal.area() + " pixels: occluding needs at least 4");
        int w = image.width();
        int h = image.height();
        OcclusionEngine.Result r = OcclusionEngine.occlude(image.toArray(), amodal.toArray(), w, h, new SplittableRandom(seed),
                settings, EnumSet.allOf(PoseFamily.class), true);
        BinaryMask occluder = BinaryMask.of(w, h, r.occluder());
        return new OccludedPerson(RgbImage.of(w, h, r.pixels()), amodal.andNot(occluder), occluder,
                BinaryMask.of(w, h, r.segmenterMask()), r.kinds());
    }
}
