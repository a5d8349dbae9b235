package io.deocc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.deocc.model.BackboneSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Every benchmark method runs once, for real, at 64×64 and width 1, through the same set-up and
 * tear-down JMH calls — so {@code mvn verify} proves the suite works without running JMH.
 */
class BenchmarkSmokeTest {
    private static final int SIZE = 64;

    @Test
    void stackedMaskNetworkGivesItsFourOutputs() {
        MaskNetworkBenchmark bench = new MaskNetworkBenchmark();
        bench.width = 1;
        bench.batch = 2;
        bench.depth = 4;
        bench.size = SIZE;
        bench.threads = 2;
        bench.setUp();
        try {
            // visible parsing, refined visible, amodal parsing, amodal
            assertArrayEquals(new Shape[] {new Shape(2, 20, SIZE, SIZE), new Shape(2, 2, SIZE, SIZE),
                    new Shape(2, 20, SIZE, SIZE), new Shape(2, 2, SIZE, SIZE)}, bench.forward());
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pconv-pga", "pconv-unet"})
    void contentNetworksPaintRgb(String network) {
        ContentNetworkBenchmark bench = new ContentNetworkBenchmark();
        bench.network = network;
        bench.width = 1;
        bench.batch = 2;
        bench.size = SIZE;
        bench.threads = 2;
        bench.setUp();
        try {
            assertArrayEquals(new Shape[] {new Shape(2, 3, SIZE, SIZE)}, bench.forward());
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stacked-unet", "pconv-pga"})
    void onnxRuntimeRunsTheExportedNetwork(String network) throws Exception {
        OnnxRuntimeBenchmark bench = new OnnxRuntimeBenchmark();
        bench.network = network;
        bench.width = 1;
        bench.batch = 1;
        bench.depth = 4;
        bench.size = SIZE;
        bench.threads = 2;
        bench.setUp();
        try {
            long[][] outputs = bench.forward();
            // the stacked network's four outputs, or the painted RGB
            long[][] expected = network.equals("stacked-unet")
                    ? new long[][] {{1, 20, SIZE, SIZE}, {1, 2, SIZE, SIZE}, {1, 20, SIZE, SIZE}, {1, 2, SIZE, SIZE}}
                    : new long[][] {{1, 3, SIZE, SIZE}};
            assertEquals(expected.length, outputs.length);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], outputs[i], network + " output " + i);
            }
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unet", "resnet-unet", "ae", "vae"})
    void backbonesGiveOneMaskChannel(String network) {
        BackboneBenchmark bench = new BackboneBenchmark();
        bench.network = network;
        bench.width = 1;
        bench.depth = 2;
        bench.batch = 1;
        bench.size = SIZE;
        bench.threads = 2;
        bench.setUp();
        try {
            Shape[] outputs = bench.forward();
            assertEquals(new Shape(1, 1, SIZE, SIZE), outputs[0]);
            // the VAE also returns its latent mean and log-variance
            assertEquals(network.equals("vae") ? 3 : 1, outputs.length);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void passesLeaveNoArraysBehindAndCostScalesWithTheBatch() {
        try (ForwardPass one = ForwardPass.create(2, "unet", new BackboneSpec(4, 1, 2, 1), 1, SIZE);
                ForwardPass three = ForwardPass.create(2, "unet", new BackboneSpec(4, 1, 2, 1), 3, SIZE)) {
            int before = one.liveArrays();
            one.run();
            one.run();
            assertEquals(before, one.liveArrays());
            assertTrue(one.multiplyAccumulates() > 0);
            assertEquals(3 * one.multiplyAccumulates(), three.multiplyAccumulates());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pconv-unet", "pconv-pga", "stacked-unet"})
    void everyNetworksPassesLeaveNoArraysBehind(String network) {
        try (ForwardPass pass = ForwardPass.create(2, network, PeakMemory.spec(network, 2, 1), 1, SIZE)) {
            int before = pass.liveArrays();
            pass.run();
            pass.run();
            assertEquals(before, pass.liveArrays(), network + " leaves arrays on the network's manager");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mask", "content", "segmenter"})
    void eachShippedRecipeTakesAStepWithAFiniteLoss(String stage) {
        TrainingStepBenchmark bench = new TrainingStepBenchmark();
        bench.stage = stage;
        bench.batch = 2;
        bench.threads = 2;
        bench.setUp();
        try {
            assertTrue(Double.isFinite(bench.step()));
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void specsFollowEachNetworksChannels() {
        assertEquals(new BackboneSpec(5, 3, 4, 1), PeakMemory.spec("pconv-pga", 4, 1));
        assertEquals(new BackboneSpec(4, 1, 3, 2), PeakMemory.spec("vae", 3, 2));
    }

    @Test
    void peakMemoryProbeMeasuresARealRun() {
        PeakMemory.Measurement m = PeakMemory.measure(2, "stacked-unet", PeakMemory.spec("stacked-unet", 2, 1), 1, SIZE, 2);
        assertEquals(new BackboneSpec(4, 2, 2, 1), m.spec());
        assertTrue(m.macs() > 0);
        assertTrue(m.baselineRssKiB() > 0 && m.peakRssKiB() >= m.baselineRssKiB(), m.row());
        assertEquals(m.liveArraysBefore(), m.liveArraysAfter());
        assertEquals(PeakMemory.HEADER.split("\t").length, m.row().split("\t").length);
    }

    @Test
    void jmhProcessorListedEveryBenchmark() throws IOException {
        // JMH's annotation processor writes this list at compile time; JMH finds benchmarks only through it
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(list, "META-INF/BenchmarkList is missing: the JMH annotation processor did not run");
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            for (Class<?> bench : new Class<?>[] {MaskNetworkBenchmark.class, ContentNetworkBenchmark.class, BackboneBenchmark.class,
                TrainingStepBenchmark.class, OnnxRuntimeBenchmark.class}) {
                assertTrue(text.contains(bench.getName()), bench.getName() + " not in " + text);
            }
        }
    }
}
