package io.deocc.content.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentMetricsTest {
    private static final double CLOSE = 1e-9; // fixed-point means are exact to ~1e-10

    /** 2 px, |e| sum 20, e&sup2; sum 150 (see ContentScoreTest), SSIM sum 1 -> mean 0.5. */
    private static final ContentScore ROUGH = new ContentScore(2, 20, 150, 1.0);
    /** 4 px reproduced exactly. */
    private static final ContentScore EXACT = new ContentScore(4, 0, 0, 4.0);

    /**
     * ROUGH: L1 2/153, L2 1/2601, PSNR 20 log10(51), SSIM 0.5. EXACT: 0, 0, +inf, 1. Plus one empty region.
     * Means: L1 = 1/153, L2 = 1/5202, SSIM = 0.75; PSNR over the finite one only = 20 log10(51) = 34.1514,
     * one infinite. Pooled over 6 px (18 values): L1 = 20/18/255, L2 = 150/18/255&sup2;,
     * PSNR = 10 log10(255&sup2; * 18 / 150) = 10 log10(7803) = 38.9226.
     */
    @Test
    void summaryMatchesTheHandComputedMeans() {
        ContentMetricsSummary summary = new ContentMetrics().add(ROUGH).add(ContentScore.EMPTY).add(EXACT).summary();
        assertEquals(2, summary.count());
        assertEquals(1, summary.skippedEmptyRegion());
        assertEquals(1.0 / 153.0, summary.meanL1(), CLOSE);
        assertEquals(255.0 / 153.0, summary.meanL1In8BitLevels(), 1e-7);
        assertEquals(1.0 / 5202.0, summary.meanL2(), CLOSE);
        assertEquals(12.5, summary.meanL2In8BitLevels(), 1e-5);
        assertEquals(0.75, summary.meanSsim(), CLOSE);
        assertEquals(20 * Math.log10(51), summary.meanPsnr(), CLOSE);
        assertEquals(1, summary.psnrInfiniteCount());
        assertEquals(6, summary.pixels());
        assertEquals(20.0 / 18.0 / 255.0, summary.pooledL1(), 1e-15);
        assertEquals(150.0 / 18.0 / 65025.0, summary.pooledL2(), 1e-15);
        assertEquals(10 * Math.log10(7803), summary.pooledPsnr(), 1e-12);
        assertEquals(38.9226, summary.pooledPsnr(), 1e-4);
    }

    @Test
    void meanPsnrIsInfiniteOnlyWhenEveryInstanceIsExact() {
        ContentMetricsSummary summary = new ContentMetrics().add(EXACT).add(EXACT).summary();
        assertEquals(Double.POSITIVE_INFINITY, summary.meanPsnr());
        assertEquals(Double.POSITIVE_INFINITY, summary.pooledPsnr());
        assertEquals(2, summary.psnrInfiniteCount());
    }

    @Test
    void skippedInstancesAloneLeaveAnEmptySummary() {
        ContentMetricsSummary summary = new ContentMetrics().add(ContentScore.EMPTY).add(ContentScore.EMPTY).summary();
        assertTrue(summary.isEmpty());
        assertEquals(2, summary.skippedEmptyRegion());
        assertTrue(Double.isNaN(summary.meanL1()) && Double.isNaN(summary.meanPsnr()) && Double.isNaN(summary.pooledL2()));
    }

    @Test
    void mergingPartialAccumulatorsEqualsAddingSequentially() {
        List<ContentScore> scores = randomScores(60, new Random(11));
        ContentMetrics sequential = new ContentMetrics();
        scores.forEach(sequential::add);
        ContentMetrics even = new ContentMetrics();
        ContentMetrics odd = new ContentMetrics();
        for (int i = scores.size() - 1; i >= 0; i--) {
            (i % 2 == 0 ? even : odd).add(scores.get(i));
        }
        ContentMetricsSummary merged = odd.merge(even).summary();
        assertEquals(sequential.summary(), merged); // exact: the sums are order-free by construction
        assertEquals(sequential.summary(), scores.parallelStream().collect(ContentMetrics.collector()));
        assertEquals(60, merged.count() + merged.skippedEmptyRegion());
        assertTrue(merged.skippedEmptyRegion() > 0 && merged.psnrInfiniteCount() > 0, "the sample covers both special cases");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> new ContentMetrics().add(null)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> new ContentMetrics().merge(null)).errorCode());
    }

    @Test
    void summariesThatContradictThemselvesAreRejected() {
        ContentScoreTest.assertInvalid(() -> new ContentMetricsSummary(0, 0, 0.1, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, 0));
        ContentScoreTest.assertInvalid(() -> new ContentMetricsSummary(1, 0, 0.1, 0.01, Double.POSITIVE_INFINITY, 0, 0.5, 1, 1, 1));
        ContentScoreTest.assertInvalid(() -> new ContentMetricsSummary(1, 0, 1.5, 0.01, 30, 0, 0.5, 1, 1, 1));
        ContentScoreTest.assertInvalid(() -> new ContentMetricsSummary(1, 0, 0.1, 0.01, 30, 2, 0.5, 1, 1, 1));
    }

    private static List<ContentScore> randomScores(int n, Random random) {
        List<ContentScore> scores = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int w = 6 + random.nextInt(8);
            int h = 6 + random.nextInt(8);
            double density = k % 10 == 0 ? 0.0 : random.nextDouble();
            BinaryMask region = BinaryMask.fromIndex(w, h, i -> random.nextDouble() < density);
            RgbImage truth = image(w, h, random);
            RgbImage predicted = k % 7 == 0 ? truth : image(w, h, random);
            scores.add(ContentScore.of(predicted, truth, region));
        }
        return scores;
    }

    private static RgbImage image(int w, int h, Random random) {
        int[] pixels = new int[w * h];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return RgbImage.of(w, h, pixels);
    }
}
