package io.deocc.bench;

import ai.djl.ndarray.types.Shape;
import io.deocc.model.BackboneSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Inference latency of the content networks: the partial-convolution U-Net with parsing guided
 * attention ({@code pconv-pga}, input plus the two one-hot parsing maps) and without it
 * ({@code pconv-unet}). Width 4 is the paper's 64 base channels. Depth is not used by these networks
 * (they always have 7 levels) but must be valid in a spec.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class ContentNetworkBenchmark {
    /** The bound backbone name. */
    @Param({"pconv-pga", "pconv-unet"})
    public String network;
    /** Width multiplier: 16·width base channels. */
    @Param({"1", "4"})
    public int width;
    /** Images per pass. */
    @Param({"1", "8"})
    public int batch;
    /** Image side in pixels. */
    @Param("256")
    public int size;
    /** libtorch intra-op threads. */
    @Param("2")
    public int threads;

    private ForwardPass pass;

    /** Builds and initialises the network once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        pass = ForwardPass.create(threads, network, new BackboneSpec(5, 3, 1, width), batch, size);
    }

    /** One forward pass; the output shapes are returned so that JMH consumes the result. */
    @Benchmark
    public Shape[] forward() {
        return pass.run();
    }

    /** Frees the network. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pass.close();
    }
}
