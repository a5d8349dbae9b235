package io.deocc.content.metrics;

import static io.deocc.api.DeoccException.checkNotNull;

import java.util.stream.Collector;

/**
 * Accumulates {@link ContentScore}s into a {@link ContentMetricsSummary}. Scores of empty regions are
 * counted as skipped and contribute nothing else.
 *
 * <p>Not thread-safe: give each thread its own accumulator and {@link #merge} them, or use
 * {@link #collector()} with a parallel stream. Sums are kept exactly (integer error totals and
 * fixed-point per-instance values, to about 1e-10 per instance), so the summary does not depend on
 * the order of {@code add} and {@code merge} calls.
 */
public final class ContentMetrics {
    private long count;
    private long skippedEmptyRegion;
    private long l1Sum;
    private long l2Sum;
    private long psnrSum;
    private long psnrFinite;
    private long ssimSum;
    private long pixels;
    private long absoluteErrorSum;
    private long squaredErrorSum;

    /** A collector that adds scores, merges partial accumulators, and finishes with the summary. */
    public static Collector<ContentScore, ContentMetrics, ContentMetricsSummary> collector() {
        return Collector.of(ContentMetrics::new, ContentMetrics::add, ContentMetrics::merge, ContentMetrics::summary);
    }

    /** Adds one instance's score, or counts it as skipped when its region is empty; returns this. */
    public ContentMetrics add(ContentScore score) {
        checkNotNull(score, "content score");
        if (score.isEmpty()) {
            skippedEmptyRegion++;
            return this;
        }
        count++;
        l1Sum = FixedPoint.add(l1Sum, FixedPoint.of(score.l1()));
        l2Sum = FixedPoint.add(l2Sum, FixedPoint.of(score.l2()));
        double psnr = score.psnr();
        if (psnr != Double.POSITIVE_INFINITY) {
            psnrFinite++;
            psnrSum = FixedPoint.add(psnrSum, FixedPoint.of(psnr));
        }
        ssimSum = FixedPoint.add(ssimSum, FixedPoint.of(score.ssim()));
        pixels = FixedPoint.add(pixels, score.pixels());
        absoluteErrorSum = FixedPoint.add(absoluteErrorSum, score.absoluteErrorSum());
        squaredErrorSum = FixedPoint.add(squaredErrorSum, score.squaredErrorSum());
        return this;
    }

    /** Adds everything {@code other} accumulated into this one (other is unchanged); returns this. */
    public ContentMetrics merge(ContentMetrics other) {
        checkNotNull(other, "other content metrics");
        count = FixedPoint.add(count, other.count);
        skippedEmptyRegion = FixedPoint.add(skippedEmptyRegion, other.skippedEmptyRegion);
        l1Sum = FixedPoint.add(l1Sum, other.l1Sum);
        l2Sum = FixedPoint.add(l2Sum, other.l2Sum);
        psnrSum = FixedPoint.add(psnrSum, other.psnrSum);
        psnrFinite = FixedPoint.add(psnrFinite, other.psnrFinite);
        ssimSum = FixedPoint.add(ssimSum, other.ssimSum);
        pixels = FixedPoint.add(pixels, other.pixels);
        absoluteErrorSum = FixedPoint.add(absoluteErrorSum, other.absoluteErrorSum);
        squaredErrorSum = FixedPoint.add(squaredErrorSum, other.squaredErrorSum);
        return this;
    }

    /** A snapshot of the metrics so far; later additions do not change it. */
    public ContentMetricsSummary summary() {
        if (count == 0) {
            return new ContentMetricsSummary(0, skippedEmptyRegion, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, 0);
        }
        double meanPsnr = psnrFinite == 0 ? Double.POSITIVE_INFINITY : Math.max(0.0, FixedPoint.mean(psnrSum, psnrFinite));
        // fixed-point rounding may step a unit past the range ends; keep the documented ranges
        return new ContentMetricsSummary(count, skippedEmptyRegion,
                clamp(FixedPoint.mean(l1Sum, count), 0, 1), clamp(FixedPoint.mean(l2Sum, count), 0, 1), meanPsnr,
                count - psnrFinite, clamp(FixedPoint.mean(ssimSum, count), -1, 1), pixels, absoluteErrorSum, squaredErrorSum);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
