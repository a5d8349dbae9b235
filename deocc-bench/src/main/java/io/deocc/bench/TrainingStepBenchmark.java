package io.deocc.bench;

import io.deocc.api.spi.Stage;
import io.deocc.data.Sample;
import io.deocc.data.SynthPreset;
import io.deocc.data.SynthSet;
import io.deocc.engine.djl.training.Training;
import io.deocc.engine.djl.training.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * Training steps per second of the shipped recipes ({@link TrainingConfig#defaults}): one optimiser step
 * (batch to tensors, forward, loss, backward, Adam) on a fixed batch of synthetic samples, so that data
 * generation is left out. The shipped mask model trains at 64 px, content and segmenter at 128 px.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class TrainingStepBenchmark {
    /** The stage's shipped recipe: mask, content or segmenter. */
    @Param({"mask", "content", "segmenter"})
    public String stage;
    /** Samples per step. */
    @Param("8")
    public int batch;
    /** libtorch intra-op threads. */
    @Param("2")
    public int threads;

    private Training training;
    private List<Sample> samples;

    /** Builds the network and one batch once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        TrainingConfig config = recipe(stage).withBatchSize(batch).withThreads(threads);
        training = Training.create(config);
        SynthSet set = SynthSet.of(SynthPreset.TRAIN);
        samples = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            samples.add(set.sample(i));
        }
    }

    /** The shipped recipe of a stage (see models/README.md), as {@code deocc train} builds it. */
    static TrainingConfig recipe(String stage) {
        return switch (stage) {
            case "mask" -> TrainingConfig.defaults(Stage.MASK_COMPLETION).withInputSize(64);
            case "content" -> TrainingConfig.defaults(Stage.CONTENT_RECOVERY);
            case "segmenter" -> TrainingConfig.defaults(Stage.SEGMENTATION);
            default -> throw new IllegalArgumentException("stage " + stage + ": use mask, content or segmenter");
        };
    }

    /** One optimiser step; its loss is returned so that JMH consumes it. */
    @Benchmark
    public double step() {
        return training.trainStep(samples);
    }

    /** Frees the network and the optimiser. */
    @TearDown(Level.Trial)
    public void tearDown() {
        training.close();
    }
}
