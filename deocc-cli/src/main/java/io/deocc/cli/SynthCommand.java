package io.deocc.cli;

import io.deocc.api.DeoccException;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbaImage;
import io.deocc.cli.Main.CliContext;
import io.deocc.data.Cutouts;
import io.deocc.data.DatasetWriter;
import io.deocc.data.Datasets;
import io.deocc.data.EncodedSample;
import io.deocc.data.SampleSource;
import io.deocc.data.SynthPreset;
import io.deocc.data.SynthSet;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deocc synth}: writes a synthetic dataset (a {@link SynthPreset}) in the dataset layout.
 * Samples are generated and encoded in parallel and written in order, so the files do not depend on
 * the number of threads: the same preset, seed, count and size give byte-identical files.
 */
@Command(name = "synth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Writes a synthetic dataset of occluded people to DIR in the dataset layout (manifest.jsonl + PNGs, see docs/DATASET.md).",
            "Presets: bench-mask (1000 samples, visible ratio spread evenly over 0.30-0.95, with a segmenter-like noisy mask), "
                    + "bench-content (1000 samples, same spread, with the unoccluded image), train (every part; endless, so give --count).",
            "The same preset, seed, count and size always give byte-identical files, whatever the number of threads.",
            "--cutouts and --cutouts-from add RGBA occluders (objects from a folder, or the people of another dataset) to the generator's own."},
        footer = {"", "Exit codes: 0 success, 1 bad parameters or an unwritable folder, 2 internal error."})
final class SynthCommand implements Callable<Integer> {
    /** The most worker threads accepted. */
    static final int MAX_THREADS = 64;
    /** Samples generated ahead of the writer, per thread: enough to keep workers busy, few enough to bound memory. */
    private static final int AHEAD_PER_THREAD = 4;

    private final CliContext context;

    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "bench-mask, bench-content or train.")
    private String preset;

    @Option(names = "--seed", paramLabel = "N", description = "Base seed (default: the preset's fixed seed).")
    private Long seed;

    @Option(names = "--count", paramLabel = "N",
            description = "Number of samples, " + SynthSet.MIN_COUNT + " to " + SynthSet.MAX_COUNT + " (default: 1000 for the benchmarks; required for train).")
    private Long count;

    @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "256",
            description = "Width and height of the images, " + SynthSet.MIN_SIZE + " to " + SynthSet.MAX_SIZE + " (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Dataset folder to write; must be new or empty unless --force.")
    private Path out;

    @Option(names = "--cutouts", paramLabel = "DIR",
            description = "Folder of RGBA PNG cut-outs (objects on a transparent background) to paste as occluders, read in name order.")
    private Path cutoutsDir;

    @Option(names = "--cutouts-from", paramLabel = "DATASET_DIR",
            description = "Dataset folder (manifest.jsonl) whose visible people are cut out and pasted as occluders.")
    private Path cutoutsDataset;

    @Option(names = "--max-cutouts", paramLabel = "N", defaultValue = "256",
            description = "The most cut-outs used from --cutouts and --cutouts-from together, 1 to " + Cutouts.MAX_COUNT + " (default: ${DEFAULT-VALUE}).")
    private int maxCutouts;

    @Option(names = "--threads", paramLabel = "N", description = "Generator threads, 1 to " + MAX_THREADS + " (default: the number of processors).")
    private Integer threads;

    @Option(names = "--force", description = "Write into a non-empty folder, replacing an earlier dataset's manifest and PNGs.")
    private boolean force;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when stderr is not a terminal.")
    private boolean progress;

    @Option(names = Main.VERBOSE, description = "Print stack traces with errors.")
    private boolean verbose;

    SynthCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SynthSet set = synthSet();
        int workers = threads == null ? Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()) : threads;
        if (workers < 1 || workers > MAX_THREADS) {
            throw DeoccException.invalidArgument("--threads " + workers + " is out of range: use 1 to " + MAX_THREADS);
        }
        long total = set.count().getAsLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
        try (DatasetWriter writer = DatasetWriter.create(out, force);
                Progress bar = Progress.start(context, progress, "synth", total, "samples")) {
            Deque<Future<EncodedSample>> ahead = new ArrayDeque<>();
            long next = 0;
            for (long written = 0; written < total; written++) {
                while (next < total && ahead.size() < (long) workers * AHEAD_PER_THREAD) {
                    long index = next++;
                    ahead.add(pool.submit(() -> set.encode(index)));
                }
                writer.write(result(ahead.poll(), set, written));
                bar.step();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        context.out().println(String.format(Locale.ROOT, "wrote %d samples of %s to %s in %.1f s (%.1f samples/s)", total, set, out,
                seconds, total / seconds));
        return Main.EXIT_OK;
    }

    /** The preset with the flags applied; every range is checked by {@link SynthSet}. */
    private SynthSet synthSet() {
        SynthPreset chosen = SynthPreset.of(preset);
        if (count == null && chosen.defaultCount() == 0) {
            throw DeoccException.invalidArgument("preset " + chosen + " is an endless stream: give --count " + SynthSet.MIN_COUNT
                    + " to " + SynthSet.MAX_COUNT + " to write part of it");
        }
        SynthSet set = SynthSet.of(chosen).withSize(size);
        if (seed != null) {
            set = set.withSeed(seed);
        }
        if (count != null) {
            set = set.withCount(count);
        }
        List<RgbaImage> cutouts = cutouts();
        return cutouts.isEmpty() ? set : set.withCutouts(cutouts);
    }

    /** The cut-outs of --cutouts, then of --cutouts-from, at most --max-cutouts in all; read before anything is written. */
    private List<RgbaImage> cutouts() {
        if (cutoutsDir == null && cutoutsDataset == null) {
            return List.of();
        }
        if (maxCutouts < 1 || maxCutouts > Cutouts.MAX_COUNT) {
            throw DeoccException.invalidArgument("--max-cutouts " + maxCutouts + " is out of range: use 1 to " + Cutouts.MAX_COUNT);
        }
        List<RgbaImage> cutouts = new ArrayList<>();
        if (cutoutsDir != null) {
            cutouts.addAll(Cutouts.readFolder(cutoutsDir, ResourceLimits.defaults(), maxCutouts));
        }
        if (cutoutsDataset != null && cutouts.size() < maxCutouts) {
            try (SampleSource source = Datasets.open(cutoutsDataset, ResourceLimits.defaults())) {
                cutouts.addAll(Cutouts.fromDataset(source, maxCutouts - cutouts.size()));
            }
        }
        return cutouts;
    }

    private static EncodedSample result(Future<EncodedSample> future, SynthSet set, long index) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeoccException(io.deocc.api.ErrorCode.INTERNAL, "interrupted while generating sample " + index + ": run again", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DeoccException deocc) {
                throw new DeoccException(deocc.errorCode(), "sample " + index + " (generator seed " + set.itemSeed(index) + "): "
                        + deocc.getMessage(), deocc);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "deocc-synth-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
