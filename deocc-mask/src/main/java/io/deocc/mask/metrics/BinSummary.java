package io.deocc.mask.metrics;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

/**
 * Amodal IoU of the instances whose ground-truth visible ratio falls in one bin (see
 * {@link MaskScore#visibleRatioBin()}). Bin {@code index} covers [index/10, (index+1)/10); the last bin
 * also holds a ratio of exactly 1. An empty bin has {@code count() == 0} and NaN IoUs
 * ({@link IouStats#EMPTY}).
 *
 * @param index 0 to 9
 * @param lowerBound index / 10, inclusive
 * @param upperBound (index + 1) / 10, exclusive except for the last bin
 * @param amodal the amodal IoU statistic of the bin's instances
 */
public record BinSummary(int index, double lowerBound, double upperBound, IouStats amodal) {
    public BinSummary {
        checkArgument(index >= 0 && index < MaskScore.BIN_COUNT,
                "bin index " + index + " must lie in [0, " + (MaskScore.BIN_COUNT - 1) + "]");
        checkArgument(lowerBound == index / 10.0 && upperBound == (index + 1) / 10.0,
                "bin " + index + " has bounds [" + lowerBound + ", " + upperBound + "): use BinSummary.of(index, stats)");
        checkNotNull(amodal, "bin IoU statistic");
    }

    /** The bin with the given index and statistic; the bounds follow from the index. */
    public static BinSummary of(int index, IouStats amodal) {
        return new BinSummary(index, index / 10.0, (index + 1) / 10.0, amodal);
    }

    /** Number of instances in the bin. */
    public long count() {
        return amodal.count();
    }

    /** Mean amodal IoU of the bin; NaN when the bin is empty. */
    public double meanIou() {
        return amodal.meanIou();
    }

    /** Global amodal IoU of the bin; NaN when the bin is empty. */
    public double globalIou() {
        return amodal.globalIou();
    }
}
