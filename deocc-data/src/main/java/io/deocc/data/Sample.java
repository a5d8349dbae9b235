package io.deocc.data;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import java.util.Optional;

/**
 * One occluded person with its ground truth: what the evaluation harness scores against and what
 * training reads. All masks and images have the image's size.
 *
 * @param id unique within its dataset
 * @param image the occluded scene
 * @param visible ground-truth visible mask of the person (never empty)
 * @param amodal ground-truth whole-body mask; contains {@code visible}
 * @param segmenterMask the visible mask a segmenter would give (noisy); the completer's input when present
 * @param visibleParsing LIP parsing of the visible body, when known
 * @param amodalParsing LIP parsing of the whole body, when known
 * @param original the scene without the occluder (content ground truth), when known
 * @param occluder the occluder's mask, when known
 * @param occluderHoldsPeople whether the occluder mask may cover other people (who a segmenter should find
 *     too), when known: synthetic scenes know their occluders' kinds, datasets do not record them
 */
public record Sample(String id, RgbImage image, BinaryMask visible, BinaryMask amodal, Optional<BinaryMask> segmenterMask,
        Optional<ParsingMap> visibleParsing, Optional<ParsingMap> amodalParsing, Optional<RgbImage> original,
        Optional<BinaryMask> occluder, Optional<Boolean> occluderHoldsPeople) {
    /** A sample that does not know what its occluder is. */
    public Sample(String id, RgbImage image, BinaryMask visible, BinaryMask amodal, Optional<BinaryMask> segmenterMask,
            Optional<ParsingMap> visibleParsing, Optional<ParsingMap> amodalParsing, Optional<RgbImage> original,
            Optional<BinaryMask> occluder) {
        this(id, image, visible, amodal, segmenterMask, visibleParsing, amodalParsing, original, occluder, Optional.empty());
    }

    public Sample {
        checkNotNull(id, "id");
        checkArgument(!id.isBlank(), "sample id is blank: give every sample a non-empty id");
        checkNotNull(image, "image");
        checkNotNull(visible, "visible");
        checkNotNull(amodal, "amodal");
        checkNotNull(segmenterMask, "segmenterMask");
        checkNotNull(visibleParsing, "visibleParsing");
        checkNotNull(amodalParsing, "amodalParsing");
        checkNotNull(original, "original");
        checkNotNull(occluder, "occluder");
        checkNotNull(occluderHoldsPeople, "occluderHoldsPeople");
        int w = image.width();
        int h = image.height();
        checkSize(id, "visible mask", visible.width(), visible.height(), w, h);
        checkSize(id, "amodal mask", amodal.width(), amodal.height(), w, h);
        segmenterMask.ifPresent(m -> checkSize(id, "segmenter mask", m.width(), m.height(), w, h));
        visibleParsing.ifPresent(p -> checkSize(id, "visible parsing", p.width(), p.height(), w, h));
        amodalParsing.ifPresent(p -> checkSize(id, "amodal parsing", p.width(), p.height(), w, h));
        original.ifPresent(o -> checkSize(id, "original image", o.width(), o.height(), w, h));
        occluder.ifPresent(o -> checkSize(id, "occluder mask", o.width(), o.height(), w, h));
        if (visible.isEmpty()) {
            throw new DeoccException(ErrorCode.EMPTY_MASK, "sample '" + id + "' has an empty visible mask: every sample needs a visible person");
        }
        if (!amodal.containsAll(visible)) {
            throw DeoccException.invalidArgument("sample '" + id + "': the amodal mask does not contain the visible mask; "
                    + "the amodal mask is the whole body, visible part included");
        }
    }

    /** The ground-truth hidden region: amodal minus visible. */
    public BinaryMask invisible() {
        return amodal.andNot(visible);
    }

    /** Visible area over amodal area, in (0, 1]. */
    public double visibleRatio() {
        return visible.area() / (double) amodal.area();
    }

    /**
     * The ground-truth masks as a perfect completer would hand them to a recoverer: visible and amodal
     * masks with the parsings known (a missing visible parsing is the amodal one cut to the visible mask).
     */
    public MaskCompletion groundTruthMasks() {
        Optional<ParsingMap> visibleParts = visibleParsing.or(() -> amodalParsing.map(p -> p.restrictedTo(visible)));
        return new MaskCompletion(visible, amodal, visibleParts, amodalParsing);
    }

    /** The person as a completer sees it: the segmenter mask when there is one, else the ground-truth visible mask. */
    public PersonInstance person() {
        return PersonInstance.of(1, segmenterMask.filter(m -> !m.isEmpty()).orElse(visible));
    }

    private static void checkSize(String id, String what, int width, int height, int imageWidth, int imageHeight) {
        if (width != imageWidth || height != imageHeight) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "sample '" + id + "': the " + what + " is " + width + "x" + height
                    + " but the image is " + imageWidth + "x" + imageHeight + "; give every file of a sample the image's size");
        }
    }
}
