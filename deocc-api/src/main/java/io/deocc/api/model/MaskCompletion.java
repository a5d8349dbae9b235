package io.deocc.api.model;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import java.util.Optional;

/**
 * Stage 1 output for one person, at the image's size.
 *
 * @param refinedVisible the corrected visible mask
 * @param amodal the whole body, hidden parts included; always contains {@code refinedVisible}
 * @param visibleParsing optional parsing of the visible body
 * @param amodalParsing optional parsing of the whole body
 */
public record MaskCompletion(BinaryMask refinedVisible, BinaryMask amodal,
        Optional<ParsingMap> visibleParsing, Optional<ParsingMap> amodalParsing) {
    public MaskCompletion {
        checkNotNull(refinedVisible, "refinedVisible");
        checkNotNull(amodal, "amodal");
        checkNotNull(visibleParsing, "visibleParsing");
        checkNotNull(amodalParsing, "amodalParsing");
        checkSize("amodal mask", amodal.width(), amodal.height(), refinedVisible);
        visibleParsing.ifPresent(p -> checkSize("visible parsing", p.width(), p.height(), refinedVisible));
        amodalParsing.ifPresent(p -> checkSize("amodal parsing", p.width(), p.height(), refinedVisible));
        if (!amodal.containsAll(refinedVisible)) {
            throw new DeoccException(ErrorCode.INTERNAL,
                    "the amodal mask does not contain the refined visible mask: a completer must OR the visible mask into the amodal mask");
        }
    }

    public MaskCompletion(BinaryMask refinedVisible, BinaryMask amodal) {
        this(refinedVisible, amodal, Optional.empty(), Optional.empty());
    }

    /** The hidden part of the body: amodal minus refined visible. */
    public BinaryMask invisible() {
        return amodal.andNot(refinedVisible);
    }

    /** Visible fraction of the whole body, in (0, 1]; 1 for an empty amodal mask. */
    public double visibleRatio() {
        return amodal.isEmpty() ? 1.0 : refinedVisible.area() / (double) amodal.area();
    }

    private static void checkSize(String what, int width, int height, BinaryMask reference) {
        if (width != reference.width() || height != reference.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, what + " is " + width + "x" + height
                    + " but the refined visible mask is " + reference.width() + "x" + reference.height() + ": both must have the image's size");
        }
    }
}
