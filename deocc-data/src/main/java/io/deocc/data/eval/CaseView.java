package io.deocc.data.eval;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.content.composite.Panels;

/**
 * What a report shows of one best or worst case: its scores and the images of its comparison panel.
 *
 * @param row the item's scores
 * @param input the occluded image
 * @param inputMask the visible mask the completer was given ({@link io.deocc.data.Sample#person()})
 * @param visible the ground-truth visible mask
 * @param predictedAmodal the completer's amodal mask (the ground truth when no completer ran)
 * @param groundTruthAmodal the true amodal mask
 * @param composite the recovered image (the input when no recoverer ran)
 */
public record CaseView(ItemRow row, RgbImage input, BinaryMask inputMask, BinaryMask visible, BinaryMask predictedAmodal,
        BinaryMask groundTruthAmodal, RgbImage composite) {
    public CaseView {
        checkNotNull(row, "row");
        checkNotNull(input, "input");
        checkNotNull(inputMask, "inputMask");
        checkNotNull(visible, "visible");
        checkNotNull(predictedAmodal, "predictedAmodal");
        checkNotNull(groundTruthAmodal, "groundTruthAmodal");
        checkNotNull(composite, "composite");
    }

    /** The panel: input | input mask tinted | predicted amodal against the ground truth | composite (see {@link Panels}). */
    public RgbImage panel() {
        return Panels.renderComparison(input, inputMask, visible, predictedAmodal, groundTruthAmodal, composite);
    }
}
