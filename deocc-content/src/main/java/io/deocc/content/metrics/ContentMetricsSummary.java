package io.deocc.content.metrics;

import static io.deocc.api.DeoccException.checkArgument;

/**
 * Content recovery metrics over a set of instances (see {@link ContentScore} for the per-instance
 * definitions and units).
 *
 * <p>The {@code mean*} values weigh every instance the same, as the paper's tables do: they are means of
 * the per-instance values. PSNR is averaged over the instances with a finite PSNR only; instances whose
 * region was reproduced exactly (PSNR +&infin;) are counted in {@code psnrInfiniteCount} instead, so one
 * perfect instance cannot turn the mean into +&infin;; if every instance is exact, {@code meanPsnr} is
 * +&infin;. The {@code pooled*} methods weigh every pixel the same instead (total error over total pixels).
 *
 * <p>With no scored instance ({@code count == 0}) the means are {@link Double#NaN} — the only case where
 * they are; {@link #isEmpty()} tells.
 *
 * @param count instances scored (non-empty regions)
 * @param skippedEmptyRegion instances skipped because their region was empty
 * @param meanL1 mean per-instance L1, intensities in [0, 1]
 * @param meanL2 mean per-instance L2 (MSE), intensities in [0, 1]
 * @param meanPsnr mean per-instance finite PSNR in dB
 * @param psnrInfiniteCount instances with an exact reproduction, left out of {@code meanPsnr}
 * @param meanSsim mean per-instance SSIM
 * @param pixels total region pixels scored
 * @param absoluteErrorSum total absolute error over all channel values, in 8-bit levels
 * @param squaredErrorSum total squared error over all channel values, in squared 8-bit levels
 */
public record ContentMetricsSummary(long count, long skippedEmptyRegion, double meanL1, double meanL2, double meanPsnr,
        long psnrInfiniteCount, double meanSsim, long pixels, long absoluteErrorSum, long squaredErrorSum) {
    public ContentMetricsSummary {
        checkArgument(count >= 0 && skippedEmptyRegion >= 0,
                "instance counts " + count + " and " + skippedEmptyRegion + " must not be negative");
        checkArgument(psnrInfiniteCount >= 0 && psnrInfiniteCount <= count,
                "exact instances " + psnrInfiniteCount + " must lie in [0, " + count + "]: they are among the instances scored");
        checkArgument(pixels >= count && absoluteErrorSum >= 0 && squaredErrorSum >= absoluteErrorSum,
                "totals (pixels " + pixels + ", absolute " + absoluteErrorSum + ", squared " + squaredErrorSum
                        + ") are inconsistent with " + count + " instances of at least one pixel");
        if (count == 0) {
            checkArgument(Double.isNaN(meanL1) && Double.isNaN(meanL2) && Double.isNaN(meanPsnr) && Double.isNaN(meanSsim) && pixels == 0,
                    "a summary of no instances must have NaN means and no pixels: use new ContentMetrics().summary()");
        } else {
            checkArgument(meanL1 >= 0 && meanL1 <= 1, "mean L1 " + meanL1 + " must lie in [0, 1]: L1 is measured on [0, 1] intensities");
            checkArgument(meanL2 >= 0 && meanL2 <= 1, "mean L2 " + meanL2 + " must lie in [0, 1]: L2 is measured on [0, 1] intensities");
            checkArgument(meanSsim >= -1 && meanSsim <= 1, "mean SSIM " + meanSsim + " must lie in [-1, 1]");
            checkArgument(psnrInfiniteCount == count ? meanPsnr == Double.POSITIVE_INFINITY : Double.isFinite(meanPsnr) && meanPsnr >= 0,
                    "mean PSNR " + meanPsnr + " must be a finite value >= 0 dB, or +Infinity exactly when all " + count
                            + " instances are exact (" + psnrInfiniteCount + " are)");
        }
    }

    /** Whether no instance was scored, in which case the means are NaN. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** {@link #meanL1()} in 8-bit levels (0..255). */
    public double meanL1In8BitLevels() {
        return meanL1 * 255;
    }

    /** {@link #meanL2()} in squared 8-bit levels. */
    public double meanL2In8BitLevels() {
        return meanL2 * 255 * 255;
    }

    /** Total absolute error over all scored channel values, intensities in [0, 1]; NaN when empty. */
    public double pooledL1() {
        return pixels == 0 ? Double.NaN : absoluteErrorSum / (3.0 * pixels) / 255;
    }

    /** Total squared error over all scored channel values, intensities in [0, 1]; NaN when empty. */
    public double pooledL2() {
        return pixels == 0 ? Double.NaN : squaredErrorSum / (3.0 * pixels) / (255.0 * 255.0);
    }

    /** PSNR of the pooled MSE in dB; +&infin; when every pixel was exact, NaN when empty. */
    public double pooledPsnr() {
        if (pixels == 0) {
            return Double.NaN;
        }
        return squaredErrorSum == 0 ? Double.POSITIVE_INFINITY : ContentScore.psnrOf(squaredErrorSum / (3.0 * pixels));
    }
}
