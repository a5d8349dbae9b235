/**
 * Mask completion metrics as the paper computes them: per-instance IoU (mIoU), global IoU,
 * invisible-region IoU and IoU by visible-ratio bins.
 *
 * <p>{@link io.deocc.mask.metrics.MaskScore} scores one person from its masks (definitions there);
 * {@link io.deocc.mask.metrics.MaskMetrics} accumulates scores, merges exactly across threads, and
 * produces a {@link io.deocc.mask.metrics.MaskMetricsSummary}. Aggregates over no instances are NaN, and
 * only those; every summary carries the counts that say so.
 */
package io.deocc.mask.metrics;
