package io.deocc.mask.metrics;

import static io.deocc.api.DeoccException.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collector;

/**
 * Accumulates {@link MaskScore}s into a {@link MaskMetricsSummary}.
 *
 * <p>Not thread-safe: give each thread its own accumulator and {@link #merge} them, or use
 * {@link #collector()} with a parallel stream. Sums are kept exactly (integer pixel counts and
 * fixed-point per-instance IoUs, to about 1e-10), so the summary does not depend on the order of
 * {@code add} and {@code merge} calls: a parallel evaluation gives the sequential result bit for bit.
 */
public final class MaskMetrics {
    private final IouTally amodal = new IouTally();
    private final IouTally invisible = new IouTally();
    private final IouTally visible = new IouTally();
    private final IouTally[] bins = new IouTally[MaskScore.BIN_COUNT];
    private long invisibleSkipped;

    public MaskMetrics() {
        for (int i = 0; i < bins.length; i++) {
            bins[i] = new IouTally();
        }
    }

    /** A collector that adds scores, merges partial accumulators, and finishes with the summary. */
    public static Collector<MaskScore, MaskMetrics, MaskMetricsSummary> collector() {
        return Collector.of(MaskMetrics::new, MaskMetrics::add, MaskMetrics::merge, MaskMetrics::summary);
    }

    /** Adds one instance's score; returns this accumulator. */
    public MaskMetrics add(MaskScore score) {
        checkNotNull(score, "mask score");
        amodal.add(score.intersection(), score.union());
        bins[score.visibleRatioBin()].add(score.intersection(), score.union());
        if (score.invisibleScored()) {
            invisible.add(score.invisibleIntersection(), score.invisibleUnion());
        } else {
            invisibleSkipped++;
        }
        if (score.visibleScored()) {
            visible.add(score.visibleIntersection(), score.visibleUnion());
        }
        return this;
    }

    /** Adds everything {@code other} accumulated into this one (other is unchanged); returns this. */
    public MaskMetrics merge(MaskMetrics other) {
        checkNotNull(other, "other mask metrics");
        amodal.merge(other.amodal);
        invisible.merge(other.invisible);
        visible.merge(other.visible);
        for (int i = 0; i < bins.length; i++) {
            bins[i].merge(other.bins[i]);
        }
        invisibleSkipped = FixedPoint.add(invisibleSkipped, other.invisibleSkipped);
        return this;
    }

    /** A snapshot of the metrics so far; later additions do not change it. */
    public MaskMetricsSummary summary() {
        List<BinSummary> binSummaries = new ArrayList<>(bins.length);
        for (int i = 0; i < bins.length; i++) {
            binSummaries.add(BinSummary.of(i, bins[i].toStats()));
        }
        return new MaskMetricsSummary(amodal.toStats(), invisible.toStats(), invisibleSkipped, visible.toStats(), binSummaries);
    }
}
