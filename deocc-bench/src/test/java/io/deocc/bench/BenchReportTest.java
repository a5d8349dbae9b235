package io.deocc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.junit.jupiter.api.Test;

/** The Markdown report joins latency with the cost and memory rows of the same configuration. */
class BenchReportTest {
    private static final String JMH = """
            [{"benchmark": "io.deocc.bench.MaskNetworkBenchmark.forward",
              "params": {"width": "4", "batch": "8", "depth": "4", "size": "256", "threads": "2"},
              "primaryMetric": {"score": 2000.0, "scoreError": 50.0, "scoreUnit": "ms/op"}},
             {"benchmark": "io.deocc.bench.ContentNetworkBenchmark.forward",
              "params": {"network": "pconv-pga", "width": "1", "batch": "1", "size": "256", "threads": "2"},
              "primaryMetric": {"score": 80.0, "scoreError": "NaN", "scoreUnit": "ms/op"}}]
            """;
    private static final String MEMORY = PeakMemory.HEADER + "\n"
            + "stacked-unet\t4\t4\t8\t256\t3\t600000000000\t204800\t1048576\t300\t300\t2500\n";

    @Test
    void trainingStepsGetATableOfTheirOwnWithSamplesPerSecond() {
        String json = """
            [{"benchmark": "io.deocc.bench.TrainingStepBenchmark.step",
              "params": {"stage": "mask", "batch": "8", "threads": "2"},
              "primaryMetric": {"score": 2.5, "scoreError": 0.25, "scoreUnit": "ops/s"}}]
            """;
        String report = BenchReport.markdown(json, "");
        // 2.5 steps of 8 samples each per second: 20 samples/s
        assertTrue(report.contains("| mask | 8 | 2 | 2.50 | 0.25 | 20.0 |"), report);
        assertFalse(report.contains("Inference latency"), report);
    }

    @Test
    void latencyRowsGainCostAndThroughputFromTheMatchingMemoryRow() {
        String report = BenchReport.markdown(JMH, MEMORY);
        // 600 GMAC in 2 s: 300 GMAC/s; 2000 ms over 8 images: 250 ms each
        assertTrue(report.contains("| MaskNetworkBenchmark.forward | stacked-unet | 4 | 4 | 8 | 256 | 2000.0 | 50.0 | 250.0 | 600.00 | 300.0 |"), report);
        // no memory row for the PGA run, and JMH gave no error for a single iteration
        assertTrue(report.contains("| ContentNetworkBenchmark.forward | pconv-pga | 1 | - | 1 | 256 | 80.0 | – | 80.0 | – | – |"), report);
        // 200 MiB after the load, 1024 MiB at the peak
        assertTrue(report.contains("| stacked-unet | 4 | 4 | 8 | 256 | 3 | 600.00 | 200 | 1024 | 824 | 300 → 300 | 2500 |"), report);
    }

    @Test
    void missingInputsLeaveTheirTableOut() {
        assertEquals("", BenchReport.markdown("", ""));
        assertTrue(BenchReport.markdown("", MEMORY).startsWith("## Peak memory"));
    }

    @Test
    void malformedInputsAreRejectedWithTheFix() {
        DeoccException notJson = assertThrows(DeoccException.class, () -> BenchReport.markdown("{", ""));
        assertEquals(ErrorCode.INVALID_ARGUMENT, notJson.errorCode());
        assertTrue(notJson.getMessage().contains("-rf json"), notJson.getMessage());
        DeoccException shortRow = assertThrows(DeoccException.class,
                () -> BenchReport.markdown("", PeakMemory.HEADER + "\nunet\t1\n"));
        assertTrue(shortRow.getMessage().contains("header line"), shortRow.getMessage());
    }
}
