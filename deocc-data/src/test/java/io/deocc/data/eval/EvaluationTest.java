package io.deocc.data.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.model.MaskCompletion;
import io.deocc.content.metrics.ContentMetricsSummary;
import io.deocc.data.Sample;
import io.deocc.data.SampleResult;
import io.deocc.data.eval.TestSamples.ListSource;
import io.deocc.mask.metrics.BinSummary;
import io.deocc.mask.metrics.MaskMetricsSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final List<Sample> SAMPLES = TestSamples.samples(21, 6);

    @Test
    void perfectCompleterScoresIouOne() {
        EvaluationReport report = Evaluation.builder().completer(TestSamples.oracle(SAMPLES)).build().run(ListSource.of(SAMPLES));

        MaskMetricsSummary mask = report.mask().orElseThrow();
        assertEquals(SAMPLES.size(), mask.count());
        assertEquals(1.0, mask.meanIou(), 1e-9);
        assertEquals(1.0, mask.globalIou(), 0.0);
        assertEquals(1.0, mask.invisibleMeanIou(), 1e-9);
        for (ItemRow row : report.rows()) {
            assertEquals(1.0, row.amodalIou().orElseThrow(), 0.0, row.id());
            assertEquals(1.0, row.invisibleIou().orElseThrow(), 0.0, row.id());
        }
        assertTrue(report.content().isEmpty());
        assertTrue(report.skipped().isEmpty());
    }

    @Test
    void visibleOnlyCompleterScoresEachItemsVisibleRatio() {
        EvaluationReport report = Evaluation.builder().completer(TestSamples.visibleOnly()).build().run(ListSource.of(SAMPLES));

        assertEquals(SAMPLES.size(), report.rows().size());
        double ratioSum = 0;
        long visibleArea = 0;
        long amodalArea = 0;
        for (int i = 0; i < SAMPLES.size(); i++) {
            Sample sample = SAMPLES.get(i);
            ItemRow row = report.rows().get(i);
            assertEquals(sample.id(), row.id());
            // prediction = visible ⊆ truth = amodal: intersection |visible|, union |amodal|
            assertEquals(sample.visibleRatio(), row.amodalIou().orElseThrow(), 1e-12, row.id());
            assertEquals(sample.visibleRatio(), row.visibleRatio(), 1e-12, row.id());
            assertEquals(0.0, row.invisibleIou().orElseThrow(), 0.0, "nothing hidden was predicted");
            ratioSum += sample.visibleRatio();
            visibleArea += sample.visible().area();
            amodalArea += sample.amodal().area();
        }
        MaskMetricsSummary mask = report.mask().orElseThrow();
        assertEquals(ratioSum / SAMPLES.size(), mask.meanIou(), 1e-9);
        assertEquals(visibleArea / (double) amodalArea, mask.globalIou(), 1e-12);
        // each item lands in the bin of its visible ratio
        for (Sample sample : SAMPLES) {
            int bin = (int) Math.min(9, Math.floor(10 * sample.visibleRatio()));
            assertTrue(mask.bins().get(bin).count() > 0, "bin " + bin + " holds " + sample.id());
        }
        assertEquals(SAMPLES.size(), mask.bins().stream().mapToLong(BinSummary::count).sum());
    }

    @Test
    void reportDoesNotDependOnTheThreadCount() {
        List<Sample> samples = TestSamples.samples(3, 12);
        EvaluationReport one = evaluate(samples, 1);
        EvaluationReport four = evaluate(samples, 4);

        assertEquals(one.mask(), four.mask());
        assertEquals(one.content(), four.content());
        assertEquals(withoutTimings(one.rows()), withoutTimings(four.rows()));
        assertEquals(one.skipped(), four.skipped());
        assertEquals(ids(one.best()), ids(four.best()));
        assertEquals(ids(one.worst()), ids(four.worst()));
        assertEquals(samples.size() - 1, one.rows().size());
        assertEquals(1, one.skipped().size());
    }

    private static EvaluationReport evaluate(List<Sample> samples, int threads) {
        Evaluation evaluation = Evaluation.builder()
                .completer(TestSamples.failingOn(samples.get(5).image(), TestSamples.boxCompleter()))
                .recoverer(TestSamples.greyRecoverer())
                .contentMasks(ContentMasks.PREDICTED)
                .threads(threads)
                .extremes(3)
                .build();
        return evaluation.run(ListSource.of(samples));
    }

    @Test
    void componentFailureSkipsThatItemWithItsReasonAndScoresTheOthers() {
        Sample bad = SAMPLES.get(2);
        EvaluationReport report = Evaluation.builder().completer(TestSamples.failingOn(bad.image(), TestSamples.oracle(SAMPLES)))
                .threads(2).build().run(ListSource.of(SAMPLES));

        assertEquals(SAMPLES.size(), report.itemsRead());
        assertEquals(SAMPLES.size() - 1, report.scoredCount());
        assertEquals(1, report.skippedCount());
        SkippedItem skipped = report.skipped().get(0);
        assertEquals(bad.id(), skipped.id());
        assertEquals(2, skipped.index());
        assertEquals(SkippedItem.Phase.MASK, skipped.phase());
        assertEquals(ErrorCode.INVALID_ARGUMENT, skipped.code());
        assertTrue(skipped.reason().contains("test failure"), skipped.reason());
        assertFalse(report.rows().stream().anyMatch(r -> r.id().equals(bad.id())));
        assertEquals(1.0, report.mask().orElseThrow().meanIou(), 1e-9);
        assertEquals(SAMPLES.size() - 1, report.mask().orElseThrow().count());
    }

    @Test
    void readerSkipsAreCountedWithTheirLine() {
        List<SampleResult> items = new ArrayList<>();
        items.add(new SampleResult.Loaded(SAMPLES.get(0)));
        items.add(new SampleResult.Skipped("broken", 2, new DeoccException(ErrorCode.IMAGE_UNREADABLE, "image.png is not a PNG\n: re-export it")));
        items.add(new SampleResult.Loaded(SAMPLES.get(1)));

        EvaluationReport report = Evaluation.builder().completer(TestSamples.visibleOnly()).build().run(new ListSource(items));

        assertEquals(3, report.itemsRead());
        assertEquals(List.of(0L, 2L), report.rows().stream().map(ItemRow::index).toList());
        SkippedItem skipped = report.skipped().get(0);
        assertEquals(new SkippedItem(1, "broken", 2, SkippedItem.Phase.READ, ErrorCode.IMAGE_UNREADABLE,
                "image.png is not a PNG : re-export it"), skipped);
    }

    @Test
    void contentUsesGroundTruthMasksByDefault() {
        List<MaskCompletion> seen = new ArrayList<>();
        EvaluationReport report = Evaluation.builder().completer(TestSamples.visibleOnly())
                .recoverer(TestSamples.perfectRecoverer(SAMPLES, seen)).build().run(ListSource.of(SAMPLES));

        assertEquals(SAMPLES.size(), seen.size());
        for (int i = 0; i < SAMPLES.size(); i++) {
            assertEquals(SAMPLES.get(i).amodal(), seen.get(i).amodal(), "the recoverer gets the true amodal mask");
            assertEquals(SAMPLES.get(i).visible(), seen.get(i).refinedVisible());
        }
        // painting the original back inside the true hidden region is exact
        ContentMetricsSummary content = report.content().orElseThrow();
        assertEquals(SAMPLES.size(), content.count());
        assertEquals(0.0, content.meanL1(), 0.0);
        assertEquals(SAMPLES.size(), content.psnrInfiniteCount());
        // (SSIM stays below 1: its window also reads occluder pixels that cover background outside the body)
        assertEquals(ContentMasks.GROUND_TRUTH, report.contentMasks());
    }

    @Test
    void contentCanUseThePredictedMasks() {
        List<MaskCompletion> seen = new ArrayList<>();
        EvaluationReport report = Evaluation.builder().completer(TestSamples.visibleOnly())
                .recoverer(TestSamples.perfectRecoverer(SAMPLES, seen)).contentMasks(ContentMasks.PREDICTED).threads(1)
                .build().run(ListSource.of(SAMPLES));

        for (int i = 0; i < SAMPLES.size(); i++) {
            assertEquals(SAMPLES.get(i).visible(), seen.get(i).amodal(), "the recoverer gets the completer's amodal mask");
        }
        // with nothing predicted hidden, the occluder stays in the hidden region: the error is not 0
        assertTrue(report.content().orElseThrow().meanL1() > 0);
        assertEquals(0, report.content().orElseThrow().psnrInfiniteCount());
    }

    @Test
    void recovererAloneIsRankedByL1AndSamplesWithoutOriginalAreSkipped() {
        Sample withoutOriginal = new Sample("no-original", SAMPLES.get(0).image(), SAMPLES.get(0).visible(), SAMPLES.get(0).amodal(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty());
        List<Sample> samples = new ArrayList<>(SAMPLES);
        samples.add(withoutOriginal);
        EvaluationReport report = Evaluation.builder().recoverer(TestSamples.greyRecoverer()).extremes(2).build().run(ListSource.of(samples));

        assertTrue(report.mask().isEmpty());
        assertEquals("L1", report.rankedBy());
        assertEquals(1, report.skippedCount());
        assertEquals(SkippedItem.Phase.CONTENT, report.skipped().get(0).phase());
        assertTrue(report.skipped().get(0).reason().contains("original"), report.skipped().get(0).reason());
        List<Double> l1 = report.rows().stream().map(r -> r.l1().orElseThrow()).sorted().toList();
        assertEquals(l1.get(0), report.best().get(0).row().l1().orElseThrow(), 0.0);
        assertEquals(l1.get(l1.size() - 1), report.worst().get(0).row().l1().orElseThrow(), 0.0);
    }

    @Test
    void bestAndWorstAreOrderedAndLimitedToK() {
        EvaluationReport report = Evaluation.builder().completer(TestSamples.visibleOnly()).extremes(2).build().run(ListSource.of(SAMPLES));

        List<Double> ratios = SAMPLES.stream().map(Sample::visibleRatio).sorted().toList();
        assertEquals(2, report.best().size());
        assertEquals(2, report.worst().size());
        assertEquals(ratios.get(ratios.size() - 1), report.best().get(0).row().amodalIou().orElseThrow(), 1e-12);
        assertEquals(ratios.get(ratios.size() - 2), report.best().get(1).row().amodalIou().orElseThrow(), 1e-12);
        assertEquals(ratios.get(0), report.worst().get(0).row().amodalIou().orElseThrow(), 1e-12);
        assertEquals(ratios.get(1), report.worst().get(1).row().amodalIou().orElseThrow(), 1e-12);
    }

    @Test
    void limitStopsAfterTheFirstItems() {
        List<Long> progress = new ArrayList<>();
        List<OptionalLong> totals = new ArrayList<>();
        EvaluationReport report = Evaluation.builder().completer(TestSamples.visibleOnly()).limit(4)
                .listener((done, total) -> {
                    progress.add(done);
                    totals.add(total);
                }).build().run(ListSource.of(SAMPLES));

        assertEquals(4, report.itemsRead());
        assertEquals(List.of(1L, 2L, 3L, 4L), progress);
        assertEquals(OptionalLong.of(4), totals.get(0));
    }

    @Test
    void builderRejectsMissingComponentsAndBadSettings() {
        DeoccException none = assertThrows(DeoccException.class, () -> Evaluation.builder().build());
        assertEquals(ErrorCode.INVALID_ARGUMENT, none.errorCode());
        assertThrows(DeoccException.class, () -> Evaluation.builder().recoverer(TestSamples.greyRecoverer())
                .contentMasks(ContentMasks.PREDICTED).build());
        assertThrows(DeoccException.class, () -> Evaluation.builder().threads(0));
        assertThrows(DeoccException.class, () -> Evaluation.builder().limit(0));
        assertThrows(DeoccException.class, () -> Evaluation.builder().completer(null));
        Evaluation ok = Evaluation.builder().completer(TestSamples.visibleOnly()).build();
        assertThrows(DeoccException.class, () -> ok.run(null));
    }

    private static List<ItemRow> withoutTimings(List<ItemRow> rows) {
        return rows.stream().map(ItemRow::withoutTiming).toList();
    }

    private static List<String> ids(List<CaseView> views) {
        return views.stream().map(v -> v.row().id()).collect(Collectors.toList());
    }
}
