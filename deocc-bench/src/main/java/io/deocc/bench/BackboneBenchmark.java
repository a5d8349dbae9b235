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
 * Inference latency of the single-output mask backbones at a modest width, batch 1: the plain U-Net,
 * the U-Net with a ResNet-18 image encoder at its bottleneck, and the (variational) autoencoder
 * (4 channels in, 1 out, as a mask completer uses them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class BackboneBenchmark {
    /** The bound backbone name. */
    @Param({"unet", "resnet-unet", "ae", "vae"})
    public String network;
    /** Width multiplier w. */
    @Param("2")
    public int width;
    /** Down-sampling levels. */
    @Param("4")
    public int depth;
    /** Images per pass. */
    @Param("1")
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
        pass = ForwardPass.create(threads, network, new BackboneSpec(4, 1, depth, width), batch, size);
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
