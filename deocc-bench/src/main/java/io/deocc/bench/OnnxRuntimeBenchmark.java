package io.deocc.bench;

import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.deocc.engine.djl.export.OnnxExportSummary;
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

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Inference latency of the same networks as {@link MaskNetworkBenchmark} and {@link ContentNetworkBenchmark}
 * in ONNX Runtime (CPU): the network is built, initialised and fed exactly as there ({@link ForwardPass}: same
 * seed, spec and inputs), exported with the engine's ONNX exporter, and run by an ORT session with all graph
 * optimisations on. Results of the two runtimes compare only when measured in the same JMH run on an
 * otherwise idle machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class OnnxRuntimeBenchmark {
    /** The bound backbone name: the paper's mask network or its content network. */
    @Param({"stacked-unet", "pconv-pga"})
    public String network;
    /** Width multiplier (4 = the paper's networks). */
    @Param({"1", "4"})
    public int width;
    /** Images per pass. */
    @Param("1")
    public int batch;
    /** Levels of each hourglass of {@code stacked-unet}; the content network ignores it. */
    @Param("4")
    public int depth;
    /** Image side in pixels. */
    @Param("256")
    public int size;
    /** ONNX Runtime intra-op threads (and libtorch's, which only builds and exports the network here). */
    @Param("2")
    public int threads;

    private Path model;
    private OrtSession session;
    private Map<String, OnnxTensor> feed;

    /** Builds, exports and opens the network once per fork, and creates its input tensors. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        model = Files.createTempFile("deocc-bench-" + network + "-", ".onnx");
        OnnxExportSummary summary;
        Shape[] shapes;
        List<float[]> values;
        // libtorch's copy is freed as soon as the file is written: only ONNX Runtime holds the network while timed
        try (ForwardPass pass = ForwardPass.create(threads, network, PeakMemory.spec(network, depth, width), batch, size)) {
            summary = pass.exportOnnx(model);
            shapes = pass.inputShapes();
            values = pass.inputValues();
        }
        OrtEnvironment environment = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            // the graphs are chains of convolutions: nothing for a second pool of threads to run in parallel
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(model.toString(), options);
        }
        feed = new LinkedHashMap<>();
        for (int i = 0; i < shapes.length; i++) {
            feed.put(summary.inputs().get(i), OnnxTensor.createTensor(environment, FloatBuffer.wrap(values.get(i)), shapes[i].getShape()));
        }
    }

    /**
     * One session run; returns the outputs' shapes (so that JMH consumes the result) after closing the outputs,
     * as a caller that copied them out would.
     */
    @Benchmark
    public long[][] forward() throws OrtException {
        try (OrtSession.Result result = session.run(feed)) {
            long[][] shapes = new long[result.size()][];
            int i = 0;
            for (Map.Entry<String, OnnxValue> output : result) {
                shapes[i++] = ((OnnxTensor) output.getValue()).getInfo().getShape();
            }
            return shapes;
        }
    }

    /** Closes the session and the inputs and deletes the exported file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, OrtException {
        if (feed != null) {
            feed.values().forEach(OnnxTensor::close);
        }
        if (session != null) {
            session.close();
        }
        if (model != null) {
            Files.deleteIfExists(model);
        }
    }

    /**
     * The process's ONNX Runtime environment. DJL's OnnxRuntime engine (which the onnx-* components use)
     * can only start if it creates the environment itself, so it starts first when it is installed; this
     * benchmark then shares its environment instead of blocking the engine for the rest of the JVM.
     */
    private static OrtEnvironment environment() {
        try {
            ai.djl.engine.Engine.getEngine("OnnxRuntime");
        } catch (RuntimeException e) {
            // the engine is not installed: a plain environment serves this benchmark alone
        }
        return OrtEnvironment.getEnvironment();
    }
}
