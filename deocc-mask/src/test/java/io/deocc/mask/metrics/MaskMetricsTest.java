package io.deocc.mask.metrics;

import static io.deocc.mask.metrics.MaskScoreTest.GT_AMODAL;
import static io.deocc.mask.metrics.MaskScoreTest.GT_VISIBLE;
import static io.deocc.mask.metrics.MaskScoreTest.PRED_AMODAL;
import static io.deocc.mask.metrics.MaskScoreTest.PRED_VISIBLE;
import static io.deocc.mask.metrics.MaskScoreTest.mask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskMetricsTest {
    private static final double CLOSE = 1e-9; // fixed-point means are exact to ~1e-10

    /** The partly hidden person of MaskScoreTest: amodal 4/7, invisible 2/5, visible 1/3, bin 3. */
    private static final MaskScore HIDDEN = MaskScore.of(PRED_AMODAL, PRED_VISIBLE, GT_AMODAL, GT_VISIBLE);
    /** A fully visible one-pixel person predicted as two pixels: amodal 1/2, bin 9, no invisible or visible score. */
    private static final MaskScore VISIBLE = MaskScore.of(mask("...", ".##", "..."), mask("...", ".#.", "..."), mask("...", ".#.", "..."));

    /**
     * mIoU = (4/7 + 1/2) / 2 = 15/28; global = (4 + 1) / (7 + 2) = 5/9. Invisible: only HIDDEN, 2/5, one
     * skipped. Visible: only HIDDEN, 1/3. Bins: 3 holds HIDDEN (4/7), 9 holds VISIBLE (1/2).
     */
    @Test
    void summaryMatchesTheHandComputedMeans() {
        MaskMetricsSummary summary = new MaskMetrics().add(HIDDEN).add(VISIBLE).summary();
        assertEquals(2, summary.count());
        assertEquals(15.0 / 28.0, summary.meanIou(), CLOSE);
        assertEquals(5.0 / 9.0, summary.globalIou(), CLOSE);
        assertEquals(5, summary.amodal().intersection());
        assertEquals(9, summary.amodal().union());

        assertEquals(1, summary.invisible().count());
        assertEquals(1, summary.invisibleSkipped());
        assertEquals(0.4, summary.invisibleMeanIou(), CLOSE);
        assertEquals(0.4, summary.invisibleGlobalIou(), CLOSE);

        assertEquals(1, summary.visible().count());
        assertEquals(1.0 / 3.0, summary.visibleMeanIou(), CLOSE);

        assertEquals(MaskScore.BIN_COUNT, summary.bins().size());
        assertEquals(4.0 / 7.0, summary.bins().get(3).meanIou(), CLOSE);
        assertEquals(4.0 / 7.0, summary.bins().get(3).globalIou(), CLOSE);
        assertEquals(1, summary.bins().get(9).count());
        assertEquals(0.5, summary.bins().get(9).meanIou(), CLOSE);
        for (int i : new int[] {0, 1, 2, 4, 5, 6, 7, 8}) {
            BinSummary bin = summary.bins().get(i);
            assertEquals(0, bin.count());
            assertTrue(Double.isNaN(bin.meanIou()) && Double.isNaN(bin.globalIou()), "empty bin " + i + " reports NaN");
        }
        assertEquals(0.3, summary.bins().get(3).lowerBound());
        assertEquals(0.4, summary.bins().get(3).upperBound());
    }

    /** Mean and global IoU differ when instances differ in size: 1/2 and 1/1 weigh 1 px vs 10 px. */
    @Test
    void globalIouWeighsLargeInstancesMore() {
        MaskScore small = new MaskScore(1, 2, 1, 0, 1, 2, false, 0, 0);
        MaskScore large = new MaskScore(10, 10, 10, 0, 10, 10, false, 0, 0);
        MaskMetricsSummary summary = new MaskMetrics().add(small).add(large).summary();
        assertEquals(0.75, summary.meanIou(), CLOSE);
        assertEquals(11.0 / 12.0, summary.globalIou(), CLOSE);
    }

    @Test
    void anEmptyAccumulatorReportsNaNWithCountZero() {
        MaskMetricsSummary summary = new MaskMetrics().summary();
        assertEquals(0, summary.count());
        assertTrue(summary.amodal().isEmpty());
        assertTrue(Double.isNaN(summary.meanIou()));
        assertTrue(Double.isNaN(summary.invisibleGlobalIou()));
    }

    @Test
    void mergingPartialAccumulatorsEqualsAddingSequentially() {
        List<MaskScore> scores = randomScores(200, new Random(7));
        MaskMetrics sequential = new MaskMetrics();
        scores.forEach(sequential::add);
        MaskMetrics first = new MaskMetrics();
        MaskMetrics second = new MaskMetrics();
        MaskMetrics third = new MaskMetrics();
        for (int i = 0; i < scores.size(); i++) {
            (i % 3 == 0 ? first : i % 3 == 1 ? second : third).add(scores.get(scores.size() - 1 - i));
        }
        MaskMetricsSummary merged = third.merge(first).merge(second).summary();
        // exact equality: the sums are order-free by construction
        assertEquals(sequential.summary(), merged);
        assertEquals(sequential.summary(), scores.parallelStream().collect(MaskMetrics.collector()));
        assertEquals(200, merged.count());
    }

    @Test
    void mergeLeavesTheOtherAccumulatorUnchanged() {
        MaskMetrics other = new MaskMetrics().add(VISIBLE);
        MaskMetricsSummary before = other.summary();
        new MaskMetrics().add(HIDDEN).merge(other);
        assertEquals(before, other.summary());
    }

    @Test
    void nullArgumentsAreRejected() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> new MaskMetrics().add(null)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> new MaskMetrics().merge(null)).errorCode());
    }

    @Test
    void summariesThatContradictThemselvesAreRejected() {
        MaskMetricsSummary good = new MaskMetrics().add(HIDDEN).summary();
        List<BinSummary> shortList = good.bins().subList(0, 9);
        MaskScoreTest.assertInvalid(() -> new MaskMetricsSummary(good.amodal(), good.invisible(), 0, good.visible(), shortList));
        // one instance scored but one skipped plus one invisible instance
        MaskScoreTest.assertInvalid(() -> new MaskMetricsSummary(good.amodal(), good.invisible(), 1, good.visible(), good.bins()));
        MaskScoreTest.assertInvalid(() -> new IouStats(1, 2, 1, 0.5, 0.5));
        MaskScoreTest.assertInvalid(() -> new IouStats(1, 1, 2, Double.NaN, 0.5));
        MaskScoreTest.assertInvalid(() -> BinSummary.of(10, IouStats.EMPTY));
    }

    private static List<MaskScore> randomScores(int n, Random random) {
        List<MaskScore> scores = new ArrayList<>();
        while (scores.size() < n) {
            BinaryMask gtAmodal = random(random, 0.5);
            if (gtAmodal.isEmpty()) {
                continue;
            }
            BinaryMask gtVisible = gtAmodal.and(random(random, random.nextDouble()));
            BinaryMask predAmodal = random(random, 0.5);
            scores.add(random.nextBoolean()
                    ? MaskScore.of(predAmodal, random(random, 0.3), gtAmodal, gtVisible)
                    : MaskScore.of(predAmodal, gtAmodal, gtVisible));
        }
        return scores;
    }

    private static BinaryMask random(Random random, double density) {
        return BinaryMask.fromIndex(6, 5, i -> random.nextDouble() < density);
    }
}
