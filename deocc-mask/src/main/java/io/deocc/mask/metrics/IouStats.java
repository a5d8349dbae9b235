package io.deocc.mask.metrics;

import static io.deocc.api.DeoccException.checkArgument;

/**
 * One IoU statistic over a set of instances.
 *
 * <ul>
 * <li>{@code meanIou} (mIoU) = (1/count) &middot; &Sigma;<sub>i</sub> |P<sub>i</sub> &cap; G<sub>i</sub>| / |P<sub>i</sub> &cup; G<sub>i</sub>|,
 *     the mean of the per-instance IoUs; every instance weighs the same.
 * <li>{@code globalIou} = &Sigma;<sub>i</sub> |P<sub>i</sub> &cap; G<sub>i</sub>| / &Sigma;<sub>i</sub> |P<sub>i</sub> &cup; G<sub>i</sub>|;
 *     large instances weigh more.
 * </ul>
 *
 * <p>An instance whose prediction and ground truth are both empty has IoU 1 (they agree); the same holds
 * for {@code globalIou} when every union is empty. With no instances ({@code count == 0}) both values are
 * {@link Double#NaN} — the only case where they are — so check {@link #isEmpty()} before printing.
 *
 * @param count number of instances
 * @param intersection total intersection area in pixels
 * @param union total union area in pixels
 * @param meanIou mean per-instance IoU in [0, 1]; NaN only when {@code count == 0}
 * @param globalIou total intersection / total union in [0, 1]; NaN only when {@code count == 0}
 */
public record IouStats(long count, long intersection, long union, double meanIou, double globalIou) {
    /** The statistic of no instances. */
    public static final IouStats EMPTY = new IouStats(0, 0, 0, Double.NaN, Double.NaN);

    public IouStats {
        checkArgument(count >= 0, "instance count " + count + " is negative: count the instances scored");
        checkArgument(intersection >= 0 && intersection <= union,
                "intersection " + intersection + " must lie in [0, union = " + union + "]: an intersection is part of its union");
        if (count == 0) {
            checkArgument(union == 0 && Double.isNaN(meanIou) && Double.isNaN(globalIou),
                    "an IoU statistic of no instances must have zero areas and NaN means, got union " + union
                            + ", meanIou " + meanIou + ", globalIou " + globalIou + ": use IouStats.EMPTY");
        } else {
            checkUnit("meanIou", meanIou);
            checkUnit("globalIou", globalIou);
        }
    }

    /** Whether no instance contributed, in which case both IoUs are NaN. */
    public boolean isEmpty() {
        return count == 0;
    }

    private static void checkUnit(String name, double value) {
        checkArgument(value >= 0.0 && value <= 1.0, name + " " + value + " must lie in [0, 1]: an IoU is a fraction");
    }
}
