/**
 * Content recovery metrics inside the invisible region: L1, L2, PSNR and SSIM.
 *
 * <p>{@link io.deocc.content.metrics.ContentScore} scores one person's recovered pixels (definitions and
 * units there: L1 and L2 on [0, 1] intensities, PSNR with peak 255, SSIM on luminance);
 * {@link io.deocc.content.metrics.ContentMetrics} accumulates scores, merges exactly across threads, and
 * produces a {@link io.deocc.content.metrics.ContentMetricsSummary}. Empty regions are skipped and counted,
 * never turned into NaN.
 */
package io.deocc.content.metrics;
