package io.deocc.mask.metrics;

/** Mutable running totals for one IoU statistic; not thread-safe (its owner says so). */
final class IouTally {
    private long count;
    private long iouSum;
    private long intersection;
    private long union;

    void add(int instanceIntersection, int instanceUnion) {
        count++;
        iouSum = FixedPoint.add(iouSum, FixedPoint.of(MaskScore.iou(instanceIntersection, instanceUnion)));
        intersection = FixedPoint.add(intersection, instanceIntersection);
        union = FixedPoint.add(union, instanceUnion);
    }

    void merge(IouTally other) {
        count = FixedPoint.add(count, other.count);
        iouSum = FixedPoint.add(iouSum, other.iouSum);
        intersection = FixedPoint.add(intersection, other.intersection);
        union = FixedPoint.add(union, other.union);
    }

    IouStats toStats() {
        if (count == 0) {
            return IouStats.EMPTY;
        }
        // the fixed-point mean can exceed 1 by a rounding unit; keep it in the documented range
        double mean = Math.min(1.0, FixedPoint.mean(iouSum, count));
        return new IouStats(count, intersection, union, mean, MaskScore.iou(intersection, union));
    }
}
