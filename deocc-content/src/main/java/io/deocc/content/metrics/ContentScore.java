package io.deocc.content.metrics;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import java.util.Optional;

/**
 * The sums that score one person's recovered appearance against the ground truth inside a region
 * (normally the person's invisible mask). Scores are plain sums so that they can be accumulated
 * ({@link ContentMetrics}) without keeping any image.
 *
 * <p>With n the number of region pixels and e the per-channel differences predicted &minus; truth over
 * the region's 3n channel values (8-bit levels, 0..255):
 * <ul>
 * <li><b>L1</b> = &Sigma;|e| / (3n) / 255 — the mean absolute error in the canonical unit, intensities
 *     scaled to [0, 1]; {@link #l1In8BitLevels()} gives it in 0..255 levels;
 * <li><b>L2</b> = &Sigma;e&sup2; / (3n) / 255&sup2; — the mean squared error of [0, 1] intensities;
 *     {@link #l2In8BitLevels()} gives it in squared levels;
 * <li><b>PSNR</b> = 10 &middot; log<sub>10</sub>(255&sup2; / MSE) with MSE = &Sigma;e&sup2; / (3n) in squared
 *     levels, in dB; +&infin; when the region is reproduced exactly;
 * <li><b>SSIM</b> = the mean over the region's pixels of the SSIM map of the luminance
 *     Y = 0.299 R + 0.587 G + 0.114 B (unrounded, 0..255). At pixel q the map is
 *     (2&mu;<sub>p</sub>&mu;<sub>t</sub> + C1)(2&sigma;<sub>pt</sub> + C2) /
 *     ((&mu;<sub>p</sub>&sup2; + &mu;<sub>t</sub>&sup2; + C1)(&sigma;<sub>p</sub>&sup2; + &sigma;<sub>t</sub>&sup2; + C2)),
 *     where the means, variances and covariance are weighted by an 11&times;11 Gaussian window
 *     (&sigma; = 1.5) centred on q, C1 = (0.01 &middot; 255)&sup2; and C2 = (0.03 &middot; 255)&sup2;. The
 *     window reads every image pixel it covers, inside the region or not, as the standard full-image
 *     SSIM map does; where it reaches past the image edge it is cut to the image and its weights
 *     renormalised to sum to 1.
 * </ul>
 *
 * <p>An empty region ({@code pixels == 0}) has no score: {@link #isEmpty()} is true, the metric methods
 * throw {@link ErrorCode#EMPTY_MASK}, and {@link ContentMetrics} counts such instances as skipped.
 *
 * @param pixels n, the number of region pixels
 * @param absoluteErrorSum &Sigma;|e| over the 3n channel values, in levels
 * @param squaredErrorSum &Sigma;e&sup2; over the 3n channel values, in squared levels
 * @param ssimSum the SSIM map summed over the n region pixels
 */
public record ContentScore(int pixels, long absoluteErrorSum, long squaredErrorSum, double ssimSum) {
    /** The score of an empty region. */
    public static final ContentScore EMPTY = new ContentScore(0, 0, 0, 0.0);

    private static final double MAX_LEVEL = 255.0;

    public ContentScore {
        checkArgument(pixels >= 0, "region pixel count " + pixels + " is negative: count the region's pixels");
        checkArgument(absoluteErrorSum >= 0 && absoluteErrorSum <= 3L * 255 * pixels,
                "absolute error sum " + absoluteErrorSum + " must lie in [0, 3 * 255 * " + pixels + "]: errors are at most 255 per channel");
        // for integer errors |e| <= e^2 <= 255 |e|
        checkArgument(squaredErrorSum >= absoluteErrorSum && squaredErrorSum <= 255 * absoluteErrorSum,
                "squared error sum " + squaredErrorSum + " must lie in [" + absoluteErrorSum + ", 255 * " + absoluteErrorSum
                        + "]: it must come from the same integer errors as the absolute error sum");
        checkArgument(Double.isFinite(ssimSum) && Math.abs(ssimSum) <= pixels,
                "SSIM sum " + ssimSum + " must be finite and within [-" + pixels + ", " + pixels + "]: SSIM lies in [-1, 1] per pixel");
    }

    /**
     * Scores {@code predicted} against {@code groundTruth} inside {@code region}; an empty region gives
     * {@link #EMPTY}.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null argument, {@code SIZE_MISMATCH} when the
     *     images and the region differ in size
     */
    public static ContentScore of(RgbImage predicted, RgbImage groundTruth, BinaryMask region) {
        checkNotNull(predicted, "predicted image");
        checkNotNull(groundTruth, "ground-truth image");
        checkNotNull(region, "region mask");
        checkSameSize("predicted image", predicted.width(), predicted.height(), groundTruth);
        checkSameSize("region mask", region.width(), region.height(), groundTruth);
        Optional<Box> bounds = region.boundingBox();
        if (bounds.isEmpty()) {
            return EMPTY;
        }
        Box box = bounds.get();
        int width = groundTruth.width();
        long absolute = 0;
        long squared = 0;
        for (int y = box.y(); y < box.maxY(); y++) {
            for (int x = box.x(); x < box.maxX(); x++) {
                if (!region.get(y * width + x)) {
                    continue;
                }
                int p = predicted.rgb(x, y);
                int t = groundTruth.rgb(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int e = (p >> shift & 0xFF) - (t >> shift & 0xFF);
                    absolute += Math.abs(e);
                    squared += e * e;
                }
            }
        }
        double ssimSum = Ssim.sumOverRegion(predicted, groundTruth, region, box);
        return new ContentScore(region.area(), absolute, squared, ssimSum);
    }

    /** Whether the region was empty, in which case there is nothing to report. */
    public boolean isEmpty() {
        return pixels == 0;
    }

    /** Mean absolute error, intensities in [0, 1]; the canonical unit. */
    public double l1() {
        return l1In8BitLevels() / MAX_LEVEL;
    }

    /** Mean absolute error in 8-bit levels (0..255): {@code 255 * l1()}. */
    public double l1In8BitLevels() {
        return absoluteErrorSum / (3.0 * nonEmptyPixels());
    }

    /** Mean squared error, intensities in [0, 1]; the canonical unit. */
    public double l2() {
        return l2In8BitLevels() / (MAX_LEVEL * MAX_LEVEL);
    }

    /** Mean squared error in squared 8-bit levels: {@code 255^2 * l2()}. */
    public double l2In8BitLevels() {
        return squaredErrorSum / (3.0 * nonEmptyPixels());
    }

    /** PSNR in dB with a peak of 255; {@link Double#POSITIVE_INFINITY} when the region matches exactly. */
    public double psnr() {
        double mse = l2In8BitLevels();
        return mse == 0 ? Double.POSITIVE_INFINITY : psnrOf(mse);
    }

    /** Mean SSIM over the region's pixels, in [-1, 1]. */
    public double ssim() {
        return ssimSum / nonEmptyPixels();
    }

    static double psnrOf(double mseInLevels) {
        return 10 * Math.log10(MAX_LEVEL * MAX_LEVEL / mseInLevels);
    }

    private int nonEmptyPixels() {
        if (pixels == 0) {
            throw new DeoccException(ErrorCode.EMPTY_MASK,
                    "the scored region is empty, so it has no content metrics: check isEmpty() first, or score a non-empty invisible region");
        }
        return pixels;
    }

    private static void checkSameSize(String what, int width, int height, RgbImage groundTruth) {
        if (width != groundTruth.width() || height != groundTruth.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the " + what + " is " + width + "x" + height
                    + " but the ground-truth image is " + groundTruth.width() + "x" + groundTruth.height()
                    + ": score images and regions of the ground truth's size");
        }
    }
}
