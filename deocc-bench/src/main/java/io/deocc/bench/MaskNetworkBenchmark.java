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
 * Inference latency of the paper's stacked mask network ({@code stacked-unet}, 4 channels in, 2 out):
 * width 4 is the reference (≈ 76 GMAC per 256×256 image), width 1 a size small enough to ship.
 * Iterations are few and long because one pass at full width takes seconds on two cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class MaskNetworkBenchmark {
    /** Width multiplier w of both hourglasses. */
    @Param({"1", "4"})
    public int width;
    /** Images per pass. */
    @Param({"1", "8"})
    public int batch;
    /** Levels of each hourglass; 4 is the paper's. */
    @Param("4")
    public int depth;
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
        pass = ForwardPass.create(threads, "stacked-unet", new BackboneSpec(4, 2, depth, width), batch, size);
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
