package io.deocc.content.metrics;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;

/**
 * Gaussian-window SSIM on luminance, summed over a region's pixels. See {@link ContentScore} for the
 * definition. The map is evaluated only inside the region's bounding box; its windows read the pixels
 * around it, so the work is proportional to the box, not to the image.
 */
final class Ssim {
    static final int RADIUS = 5;
    static final double SIGMA = 1.5;
    static final double C1 = (0.01 * 255) * (0.01 * 255);
    static final double C2 = (0.03 * 255) * (0.03 * 255);

    /** Unnormalised 1-D Gaussian taps for offsets -5..5; each window divides by the taps it uses. */
    private static final double[] TAPS = gaussianTaps();

    private Ssim() {}

    private static double[] gaussianTaps() {
        double[] taps = new double[2 * RADIUS + 1];
        for (int k = -RADIUS; k <= RADIUS; k++) {
            taps[k + RADIUS] = Math.exp(-(k * k) / (2 * SIGMA * SIGMA));
        }
        return taps;
    }

    /** Y = 0.299 R + 0.587 G + 0.114 B of a packed 0xRRGGBB pixel, unrounded. */
    static double luminance(int rgb) {
        return 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    /**
     * The sum of the SSIM map over the set pixels of {@code region}, which all lie in {@code box}.
     * The 2-D window is separable, and so is its truncation to the image rectangle, so each of the two
     * 1-D passes renormalises by the taps it kept.
     */
    static double sumOverRegion(RgbImage predicted, RgbImage truth, BinaryMask region, Box box) {
        int width = truth.width();
        int height = truth.height();
        int x0 = Math.max(0, box.x() - RADIUS);
        int y0 = Math.max(0, box.y() - RADIUS);
        int outerWidth = Math.min(width, box.maxX() + RADIUS) - x0;
        int outerHeight = Math.min(height, box.maxY() + RADIUS) - y0;
        double[] p = new double[outerWidth * outerHeight];
        double[] t = new double[p.length];
        for (int r = 0; r < outerHeight; r++) {
            for (int c = 0; c < outerWidth; c++) {
                p[r * outerWidth + c] = luminance(predicted.rgb(x0 + c, y0 + r));
                t[r * outerWidth + c] = luminance(truth.rgb(x0 + c, y0 + r));
            }
        }

        // Horizontal pass: every row of the outer box, only the columns of the box itself.
        int boxWidth = box.width();
        double[] mp = new double[boxWidth * outerHeight];
        double[] mt = new double[mp.length];
        double[] mpp = new double[mp.length];
        double[] mtt = new double[mp.length];
        double[] mpt = new double[mp.length];
        for (int c = 0; c < boxWidth; c++) {
            int x = box.x() + c;
            int from = Math.max(0, x - RADIUS);
            int to = Math.min(width - 1, x + RADIUS);
            double norm = 0;
            for (int k = from; k <= to; k++) {
                norm += TAPS[k - x + RADIUS];
            }
            for (int r = 0; r < outerHeight; r++) {
                double sp = 0, st = 0, spp = 0, stt = 0, spt = 0;
                int row = r * outerWidth - x0;
                for (int k = from; k <= to; k++) {
                    double w = TAPS[k - x + RADIUS];
                    double a = p[row + k];
                    double b = t[row + k];
                    sp += w * a;
                    st += w * b;
                    spp += w * a * a;
                    stt += w * b * b;
                    spt += w * a * b;
                }
                int o = r * boxWidth + c;
                mp[o] = sp / norm;
                mt[o] = st / norm;
                mpp[o] = spp / norm;
                mtt[o] = stt / norm;
                mpt[o] = spt / norm;
            }
        }

        // Vertical pass and the SSIM formula, only where the region is set.
        double total = 0;
        for (int r = 0; r < box.height(); r++) {
            int y = box.y() + r;
            int from = Math.max(0, y - RADIUS);
            int to = Math.min(height - 1, y + RADIUS);
            double norm = 0;
            for (int k = from; k <= to; k++) {
                norm += TAPS[k - y + RADIUS];
            }
            for (int c = 0; c < boxWidth; c++) {
                if (!region.get(y * width + box.x() + c)) {
                    continue;
                }
                double sp = 0, st = 0, spp = 0, stt = 0, spt = 0;
                for (int k = from; k <= to; k++) {
                    double w = TAPS[k - y + RADIUS];
                    int o = (k - y0) * boxWidth + c;
                    sp += w * mp[o];
                    st += w * mt[o];
                    spp += w * mpp[o];
                    stt += w * mtt[o];
                    spt += w * mpt[o];
                }
                total += ssim(sp / norm, st / norm, spp / norm, stt / norm, spt / norm);
            }
        }
        return total;
    }

    /** SSIM from the window's weighted moments E[p], E[t], E[p^2], E[t^2], E[pt]. */
    static double ssim(double meanP, double meanT, double meanPp, double meanTt, double meanPt) {
        double varP = meanPp - meanP * meanP;
        double varT = meanTt - meanT * meanT;
        double cov = meanPt - meanP * meanT;
        double value = (2 * meanP * meanT + C1) * (2 * cov + C2) / ((meanP * meanP + meanT * meanT + C1) * (varP + varT + C2));
        // SSIM lies in [-1, 1]; rounding in the moments may step past by an ulp
        return Math.max(-1.0, Math.min(1.0, value));
    }
}
