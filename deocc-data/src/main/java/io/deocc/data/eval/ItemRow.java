package io.deocc.data.eval;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.util.OptionalDouble;

/**
 * The scores of one evaluated item. A metric is empty when its stage did not run, or when it is
 * undefined for the item (the invisible IoU and the content metrics of a person with no hidden part).
 *
 * @param index the item's 0-based position in the dataset
 * @param id the sample's id
 * @param visibleRatio ground-truth visible area over amodal area, in (0, 1]
 * @param amodalIou amodal IoU of the completer's mask
 * @param invisibleIou IoU of the hidden region (see {@link io.deocc.mask.metrics.MaskScore})
 * @param l1 mean absolute error inside the ground-truth invisible region, intensities in [0, 1]
 * @param psnr PSNR inside that region in dB; +&infin; for an exact recovery
 * @param ssim SSIM inside that region
 * @param elapsedMillis time the components and the scoring took for this item; not a metric
 */
public record ItemRow(long index, String id, double visibleRatio, OptionalDouble amodalIou, OptionalDouble invisibleIou,
        OptionalDouble l1, OptionalDouble psnr, OptionalDouble ssim, long elapsedMillis) {
    public ItemRow {
        checkArgument(index >= 0, "item index " + index + " is negative: count items from 0");
        checkNotNull(id, "id");
        checkArgument(visibleRatio >= 0 && visibleRatio <= 1, "visible ratio " + visibleRatio + " must lie in [0, 1]");
        checkNotNull(amodalIou, "amodalIou");
        checkNotNull(invisibleIou, "invisibleIou");
        checkNotNull(l1, "l1");
        checkNotNull(psnr, "psnr");
        checkNotNull(ssim, "ssim");
        checkArgument(elapsedMillis >= 0, "elapsed time " + elapsedMillis + " ms is negative");
    }

    /** The same row with the elapsed time set to 0, for comparing runs whose timings differ. */
    public ItemRow withoutTiming() {
        return new ItemRow(index, id, visibleRatio, amodalIou, invisibleIou, l1, psnr, ssim, 0);
    }
}
