package io.deocc.content.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsimTest {
    private static final double C1 = 6.5025; // (0.01 * 255)^2
    private static final double C2 = 58.5225; // (0.03 * 255)^2

    private static final int W = 23;
    private static final int H = 17;
    /** An irregular region that touches the left and top edges, so that some windows are cut. */
    private static final BinaryMask BLOB = BinaryMask.fromIndex(W, H, i -> {
        int x = i % W, y = i / W;
        return (x - 4) * (x - 4) + (y - 3) * (y - 3) <= 20 || (x >= 9 && x < 14 && y == 8);
    });

    @Test
    void identicalImagesScoreOne() {
        RgbImage image = random(new Random(1));
        assertEquals(1.0, ContentScore.of(image, image, BLOB).ssim(), 1e-12);
    }

    /**
     * Constant images: every window has variance and covariance 0, so the structure factor is
     * (0 + C2) / (0 + C2) = 1 and SSIM = (2ab + C1) / (a&sup2; + b&sup2; + C1). Greys 100 and 110 have
     * luminance 100 and 110: (22000 + 6.5025) / (10000 + 12100 + 6.5025) = 22006.5025 / 22106.5025 = 0.9954764.
     */
    @Test
    void constantImagesReduceToTheMeanTerm() {
        ContentScore score = ContentScore.of(RgbImage.filled(W, H, 0x646464), RgbImage.filled(W, H, 0x6E6E6E), BLOB);
        assertEquals(22006.5025 / 22106.5025, score.ssim(), 1e-9);
        assertEquals(0.9954764, score.ssim(), 1e-7);
    }

    /**
     * Pure red (255, 0, 0) against black: Y = 0.299 * 255 = 76.245 and 0, so
     * SSIM = C1 / (76.245&sup2; + C1) = 6.5025 / (5813.300025 + 6.5025) = 6.5025 / 5819.802525 = 0.00111731.
     * This pins the luminance weights: an unweighted channel mean (85) would give 0.000899.
     */
    @Test
    void colourEntersThroughTheLuminanceWeights() {
        ContentScore score = ContentScore.of(RgbImage.filled(W, H, 0xFF0000), RgbImage.filled(W, H, 0x000000), BLOB);
        assertEquals(6.5025 / 5819.802525, score.ssim(), 1e-9);
    }

    /** A 1x1 image: the window is cut to its one pixel, with weight renormalised to 1. Black vs white: C1 / (255&sup2; + C1). */
    @Test
    void windowsAreCutToTheImageAndRenormalised() {
        BinaryMask one = BinaryMask.of(1, 1, new boolean[] {true});
        ContentScore score = ContentScore.of(RgbImage.filled(1, 1, 0xFFFFFF), RgbImage.filled(1, 1, 0), one);
        assertEquals(C1 / (65025 + C1), score.ssim(), 1e-12);
    }

    @Test
    void ssimIsSymmetric() {
        Random random = new Random(2);
        RgbImage a = random(random);
        RgbImage b = random(random);
        assertEquals(ContentScore.of(a, b, BLOB).ssim(), ContentScore.of(b, a, BLOB).ssim(), 1e-12);
    }

    /** The separable implementation against a direct 11x11 evaluation written independently here. */
    @Test
    void matchesADirectTwoDimensionalWindow() {
        Random random = new Random(3);
        RgbImage truth = random(random);
        int[] noisy = truth.toArray();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = random.nextInt(4) == 0 ? random.nextInt(1 << 24) : noisy[i] ^ 0x070307;
        }
        RgbImage predicted = RgbImage.of(W, H, noisy);
        double expected = 0;
        for (int i = 0; i < W * H; i++) {
            if (BLOB.get(i)) {
                expected += directSsim(predicted, truth, i % W, i / W);
            }
        }
        expected /= BLOB.area();
        double actual = ContentScore.of(predicted, truth, BLOB).ssim();
        assertEquals(expected, actual, 1e-10);
        assertNotEquals(1.0, actual, 0.05); // the images really differ
    }

    /** Windows read pixels within 5 of the region, outside it too; L1 reads only the region. */
    @Test
    void windowsReachFivePixelsPastTheRegionAndNoFurther() {
        BinaryMask centre = BinaryMask.fromIndex(W, H, i -> i % W >= 10 && i % W < 13 && i / W >= 7 && i / W < 10);
        RgbImage truth = random(new Random(4));
        ContentScore base = ContentScore.of(truth, truth, centre);

        int[] near = truth.toArray();
        near[8 * W + 13] ^= 0xFFFFFF; // the column just right of the region
        ContentScore nearScore = ContentScore.of(RgbImage.of(W, H, near), truth, centre);
        assertEquals(0, nearScore.absoluteErrorSum());
        assertNotEquals(base.ssim(), nearScore.ssim());

        int[] far = truth.toArray();
        far[8 * W + 18] ^= 0xFFFFFF; // six columns right of the region: outside every window
        ContentScore farScore = ContentScore.of(RgbImage.of(W, H, far), truth, centre);
        assertEquals(base, farScore);
    }

    private static double directSsim(RgbImage p, RgbImage t, int cx, int cy) {
        double wSum = 0, mp = 0, mt = 0, mpp = 0, mtt = 0, mpt = 0;
        for (int y = cy - 5; y <= cy + 5; y++) {
            for (int x = cx - 5; x <= cx + 5; x++) {
                if (x < 0 || y < 0 || x >= W || y >= H) {
                    continue;
                }
                double w = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * 1.5 * 1.5));
                double a = grey(p.rgb(x, y));
                double b = grey(t.rgb(x, y));
                wSum += w;
                mp += w * a;
                mt += w * b;
                mpp += w * a * a;
                mtt += w * b * b;
                mpt += w * a * b;
            }
        }
        mp /= wSum;
        mt /= wSum;
        double vp = mpp / wSum - mp * mp;
        double vt = mtt / wSum - mt * mt;
        double cov = mpt / wSum - mp * mt;
        return (2 * mp * mt + C1) * (2 * cov + C2) / ((mp * mp + mt * mt + C1) * (vp + vt + C2));
    }

    private static double grey(int rgb) {
        return 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
    }

    private static RgbImage random(Random random) {
        int[] pixels = new int[W * H];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return RgbImage.of(W, H, pixels);
    }
}
