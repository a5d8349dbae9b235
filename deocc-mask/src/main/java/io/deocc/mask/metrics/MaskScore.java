package io.deocc.mask.metrics;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.model.MaskCompletion;
import java.util.OptionalDouble;

/**
 * The pixel counts that score one person's predicted masks against the ground truth. Scores are
 * plain counts so that they can be summed ({@link MaskMetrics}) without keeping any mask.
 *
 * <p>With P<sub>a</sub> the predicted amodal mask, P<sub>v</sub> the predicted (refined) visible mask,
 * G<sub>a</sub> and G<sub>v</sub> the ground-truth amodal and visible masks:
 * <ul>
 * <li><b>amodal IoU</b> = |P<sub>a</sub> &cap; G<sub>a</sub>| / |P<sub>a</sub> &cup; G<sub>a</sub>|;
 * <li><b>visible ratio</b> = |G<sub>v</sub> &cap; G<sub>a</sub>| / |G<sub>a</sub>|, in [0, 1]. It equals
 *     |G<sub>v</sub>| / |G<sub>a</sub>| for consistent annotations (G<sub>v</sub> &sube; G<sub>a</sub>); visible
 *     pixels outside the amodal mask are not counted, so the ratio never exceeds 1;
 * <li><b>invisible IoU</b>, as the paper's evaluation code scores the hidden region: the predicted
 *     invisible region is P<sub>a</sub> &minus; G<sub>v</sub> (the prediction minus what is known to be
 *     visible) and the true one G<sub>a</sub> &minus; G<sub>v</sub>; their IoU is
 *     |P<sub>a</sub> &cap; G<sub>a</sub> &minus; G<sub>v</sub>| / |(P<sub>a</sub> &cup; G<sub>a</sub>) &minus; G<sub>v</sub>|.
 *     It is defined only when G<sub>a</sub> &minus; G<sub>v</sub> is not empty ({@link #invisibleScored()});
 *     fully visible people are left out of this metric and counted apart;
 * <li><b>visible IoU</b> = |P<sub>v</sub> &cap; G<sub>v</sub>| / |P<sub>v</sub> &cup; G<sub>v</sub>|, only when a
 *     predicted visible mask was given ({@link #visibleScored()}); 1 when both are empty.
 * </ul>
 *
 * <p>The ground-truth amodal mask may not be empty: an unannotated person has nothing to score.
 *
 * @param intersection |P<sub>a</sub> &cap; G<sub>a</sub>|
 * @param union |P<sub>a</sub> &cup; G<sub>a</sub>|
 * @param gtAmodalArea |G<sub>a</sub>|, at least 1
 * @param gtVisibleArea |G<sub>v</sub> &cap; G<sub>a</sub>|
 * @param invisibleIntersection |P<sub>a</sub> &cap; G<sub>a</sub> &minus; G<sub>v</sub>|
 * @param invisibleUnion |(P<sub>a</sub> &cup; G<sub>a</sub>) &minus; G<sub>v</sub>|
 * @param visibleScored whether a predicted visible mask was scored
 * @param visibleIntersection |P<sub>v</sub> &cap; G<sub>v</sub>|, 0 when not scored
 * @param visibleUnion |P<sub>v</sub> &cup; G<sub>v</sub>|, 0 when not scored
 */
public record MaskScore(int intersection, int union, int gtAmodalArea, int gtVisibleArea,
        int invisibleIntersection, int invisibleUnion,
        boolean visibleScored, int visibleIntersection, int visibleUnion) {
    /** Number of visible-ratio bins: [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]. */
    public static final int BIN_COUNT = 10;

    public MaskScore {
        checkArgument(gtAmodalArea > 0, "ground-truth amodal area " + gtAmodalArea + " must be at least 1: score only annotated people");
        checkArgument(intersection >= 0 && intersection <= gtAmodalArea && union >= gtAmodalArea && intersection <= union,
                "amodal counts are inconsistent (intersection " + intersection + ", union " + union + ", ground-truth area "
                        + gtAmodalArea + "): the intersection lies inside the ground truth, which lies inside the union");
        checkArgument(gtVisibleArea >= 0 && gtVisibleArea <= gtAmodalArea,
                "ground-truth visible area " + gtVisibleArea + " must lie in [0, " + gtAmodalArea
                        + "]: count only visible pixels inside the amodal mask");
        int gtInvisible = gtAmodalArea - gtVisibleArea;
        checkArgument(invisibleIntersection >= 0 && invisibleIntersection <= gtInvisible
                        && invisibleUnion >= gtInvisible && invisibleUnion <= union && invisibleIntersection <= intersection,
                "invisible counts are inconsistent (intersection " + invisibleIntersection + ", union " + invisibleUnion
                        + ", ground-truth invisible area " + gtInvisible + ", amodal union " + union
                        + "): the invisible region is the amodal one minus the ground-truth visible mask");
        if (visibleScored) {
            checkArgument(visibleIntersection >= 0 && visibleIntersection <= visibleUnion,
                    "visible intersection " + visibleIntersection + " must lie in [0, union = " + visibleUnion + "]");
        } else {
            checkArgument(visibleIntersection == 0 && visibleUnion == 0,
                    "visible counts " + visibleIntersection + "/" + visibleUnion + " are given but visibleScored is false: pass 0/0");
        }
    }

    /** Scores a predicted amodal mask; the visible IoU is not scored. */
    public static MaskScore of(BinaryMask predAmodal, BinaryMask gtAmodal, BinaryMask gtVisible) {
        checkNotNull(predAmodal, "predicted amodal mask");
        return compute(predAmodal, null, gtAmodal, gtVisible);
    }

    /** Scores a predicted amodal mask and a predicted (refined) visible mask. */
    public static MaskScore of(BinaryMask predAmodal, BinaryMask predVisible, BinaryMask gtAmodal, BinaryMask gtVisible) {
        checkNotNull(predAmodal, "predicted amodal mask");
        checkNotNull(predVisible, "predicted visible mask");
        return compute(predAmodal, predVisible, gtAmodal, gtVisible);
    }

    /** Scores a completer's output: its amodal and refined visible masks. */
    public static MaskScore ofCompletion(MaskCompletion predicted, BinaryMask gtAmodal, BinaryMask gtVisible) {
        checkNotNull(predicted, "predicted mask completion");
        return compute(predicted.amodal(), predicted.refinedVisible(), gtAmodal, gtVisible);
    }

    /** |P<sub>a</sub> &cap; G<sub>a</sub>| / |P<sub>a</sub> &cup; G<sub>a</sub>|, in [0, 1]. */
    public double iou() {
        return iou(intersection, union);
    }

    /** |G<sub>v</sub> &cap; G<sub>a</sub>| / |G<sub>a</sub>|, in [0, 1]. */
    public double visibleRatio() {
        return gtVisibleArea / (double) gtAmodalArea;
    }

    /**
     * The visible-ratio bin, 0 to 9: bin k holds ratios in [k/10, (k+1)/10), the last one also holds 1.0.
     * Computed in integers, floor(10 &middot; visible / amodal), so that a ratio of exactly 0.3 falls in
     * bin 3 whatever rounding a double division would make.
     */
    public int visibleRatioBin() {
        return (int) Math.min(BIN_COUNT - 1, 10L * gtVisibleArea / gtAmodalArea);
    }

    /** |G<sub>a</sub> &minus; G<sub>v</sub>|, the hidden area of the true body. */
    public int gtInvisibleArea() {
        return gtAmodalArea - gtVisibleArea;
    }

    /** Whether the invisible IoU is defined: the person is partly hidden in the ground truth. */
    public boolean invisibleScored() {
        return gtInvisibleArea() > 0;
    }

    /** The invisible-region IoU; empty when the ground-truth invisible region is empty. */
    public OptionalDouble invisibleIou() {
        return invisibleScored() ? OptionalDouble.of(iou(invisibleIntersection, invisibleUnion)) : OptionalDouble.empty();
    }

    /** The visible IoU; empty when no predicted visible mask was scored. */
    public OptionalDouble visibleIou() {
        return visibleScored ? OptionalDouble.of(iou(visibleIntersection, visibleUnion)) : OptionalDouble.empty();
    }

    /** IoU from counts, 1 for an empty union (both masks empty agree). */
    static double iou(long intersection, long union) {
        return union == 0 ? 1.0 : intersection / (double) union;
    }

    // One pass over the pixels, no mask allocated: these run over whole benchmark sets.
    private static MaskScore compute(BinaryMask predAmodal, BinaryMask predVisible, BinaryMask gtAmodal, BinaryMask gtVisible) {
        checkNotNull(gtAmodal, "ground-truth amodal mask");
        checkNotNull(gtVisible, "ground-truth visible mask");
        checkSameSize("predicted amodal mask", predAmodal, gtAmodal);
        checkSameSize("ground-truth visible mask", gtVisible, gtAmodal);
        if (predVisible != null) {
            checkSameSize("predicted visible mask", predVisible, gtAmodal);
        }
        if (gtAmodal.isEmpty()) {
            throw new DeoccException(ErrorCode.EMPTY_MASK,
                    "the ground-truth amodal mask is empty: score only annotated people (a person has at least one amodal pixel)");
        }
        int pixels = gtAmodal.width() * gtAmodal.height();
        int inter = 0, union = 0, gtVisibleInAmodal = 0, invInter = 0, invUnion = 0, visInter = 0, visUnion = 0;
        for (int i = 0; i < pixels; i++) {
            boolean pa = predAmodal.get(i);
            boolean ga = gtAmodal.get(i);
            boolean gv = gtVisible.get(i);
            boolean both = pa & ga;
            boolean either = pa | ga;
            inter += both ? 1 : 0;
            union += either ? 1 : 0;
            gtVisibleInAmodal += (ga & gv) ? 1 : 0;
            invInter += (both & !gv) ? 1 : 0;
            invUnion += (either & !gv) ? 1 : 0;
            if (predVisible != null) {
                boolean pv = predVisible.get(i);
                visInter += (pv & gv) ? 1 : 0;
                visUnion += (pv | gv) ? 1 : 0;
            }
        }
        return new MaskScore(inter, union, gtAmodal.area(), gtVisibleInAmodal, invInter, invUnion,
                predVisible != null, visInter, visUnion);
    }

    private static void checkSameSize(String what, BinaryMask mask, BinaryMask gtAmodal) {
        if (mask.width() != gtAmodal.width() || mask.height() != gtAmodal.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the " + what + " is " + mask.width() + "x" + mask.height()
                    + " but the ground-truth amodal mask is " + gtAmodal.width() + "x" + gtAmodal.height()
                    + ": resize the prediction to the ground truth's size before scoring");
        }
    }
}
