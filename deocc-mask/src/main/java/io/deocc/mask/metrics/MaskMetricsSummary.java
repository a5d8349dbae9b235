package io.deocc.mask.metrics;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.util.List;

/**
 * Mask completion metrics over a set of instances (see {@link MaskScore} for the per-instance definitions
 * and {@link IouStats} for mIoU and global IoU).
 *
 * @param amodal amodal IoU over all instances
 * @param invisible invisible-region IoU over the instances whose ground truth is partly hidden
 * @param invisibleSkipped instances left out of {@code invisible} because their ground-truth invisible
 *     region is empty (fully visible people)
 * @param visible refined visible IoU over the instances scored with a predicted visible mask
 * @param bins the amodal IoU in the ten visible-ratio bins, in bin order; empty bins are included
 */
public record MaskMetricsSummary(IouStats amodal, IouStats invisible, long invisibleSkipped, IouStats visible,
        List<BinSummary> bins) {
    public MaskMetricsSummary {
        checkNotNull(amodal, "amodal statistic");
        checkNotNull(invisible, "invisible statistic");
        checkNotNull(visible, "visible statistic");
        checkNotNull(bins, "bins");
        bins = List.copyOf(bins);
        checkArgument(bins.size() == MaskScore.BIN_COUNT, "there are " + bins.size() + " bins: give all " + MaskScore.BIN_COUNT);
        long binned = 0;
        for (int i = 0; i < bins.size(); i++) {
            checkArgument(bins.get(i).index() == i, "bin " + i + " has index " + bins.get(i).index() + ": list the bins in order");
            binned += bins.get(i).count();
        }
        checkArgument(binned == amodal.count(), "the bins hold " + binned + " instances but " + amodal.count()
                + " were scored: every instance falls in exactly one bin");
        checkArgument(invisibleSkipped >= 0 && invisible.count() + invisibleSkipped == amodal.count(),
                "invisible instances (" + invisible.count() + ") plus skipped ones (" + invisibleSkipped
                        + ") must equal the instances scored (" + amodal.count() + ")");
        checkArgument(visible.count() <= amodal.count(), "visible instances (" + visible.count()
                + ") cannot outnumber the instances scored (" + amodal.count() + ")");
    }

    /** Number of instances scored. */
    public long count() {
        return amodal.count();
    }

    /** Mean amodal IoU (mIoU); NaN when nothing was scored. */
    public double meanIou() {
        return amodal.meanIou();
    }

    /** Global amodal IoU; NaN when nothing was scored. */
    public double globalIou() {
        return amodal.globalIou();
    }

    /** Mean invisible-region IoU; NaN when no instance was partly hidden. */
    public double invisibleMeanIou() {
        return invisible.meanIou();
    }

    /** Global invisible-region IoU; NaN when no instance was partly hidden. */
    public double invisibleGlobalIou() {
        return invisible.globalIou();
    }

    /** Mean refined visible IoU; NaN when no predicted visible mask was scored. */
    public double visibleMeanIou() {
        return visible.meanIou();
    }
}
