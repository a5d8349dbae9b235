package io.deocc.bench;

import ai.djl.ndarray.NDManager;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.DeoccResult;
import io.deocc.api.model.PersonFailure;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.engine.djl.Networks;
import io.deocc.runtime.DeoccPipeline;
import io.deocc.runtime.PipelineConfig;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A soak benchmark: builds one engine's whole pipeline, runs it on a few small synthetic scenes over and
 * over, and samples the process's memory every few runs — so that a leak of native memory, NDArrays,
 * threads or file handles shows as growth over thousands of runs.
 *
 * <p>Engines: {@code reference} (the {@code mask-file} segmenter reading each scene's visible mask from
 * a PNG, the {@code reference} completer and recoverer, all pure Java), {@code djl} (the
 * {@code djl-segmenter}, {@code djl-mask} and {@code djl-content}) and {@code onnx} (the same three on ONNX
 * Runtime) with the shipped models, found as the
 * components find them: {@code -Ddeocc.models=DIR}, {@code DEOCC_MODELS} or {@code -Ddeocc.home}). A
 * run segments the scene and then completes and recovers one person; for the network engines that person is the
 * scene's own visible mask, so the mask and content networks run every time whatever the segmenter finds.
 * Every run must succeed: a person failure stops the soak, since it would measure less work.
 *
 * <p>Resident memory is process-wide, so each engine needs a JVM of its own; {@code soak.sh} starts one
 * per engine with a fixed, pre-touched heap so that the heap's own growth does not read as a leak.
 * Usage: {@code Soak --engine reference|djl|onnx --out DIR [--iterations 10000] [--every K] [--width 128]
 * [--height 160] [--scenes 4] [--threads 2] [--bound 5]}; it writes {@code DIR/soak-<engine>.tsv} (the
 * series, a row per sample as it is taken) and {@code DIR/soak-<engine>-summary.tsv}
 * ({@link SoakSummary}), and prints nothing.
 */
public final class Soak {
    /** The engines {@link #run} knows. */
    public static final List<String> ENGINES = List.of("reference", "djl", "onnx");

    private static final Path STATUS_FD = Path.of("/proc/self/fd");

    private Soak() {
    }

    /**
     * What to soak.
     *
     * @param engine one of {@link #ENGINES}
     * @param iterations pipeline runs, at least 1
     * @param every a sample after every {@code every} runs (and after the last)
     * @param width scene width in pixels
     * @param height scene height in pixels
     * @param scenes distinct scenes the runs cycle through
     * @param threads libtorch intra-op threads (djl)
     * @param boundPercent the growth of resident memory allowed after warm-up
     */
    public record Settings(String engine, int iterations, int every, int width, int height, int scenes, int threads,
            double boundPercent) {
        /** Validates every value, naming the option that sets it. */
        public Settings {
            DeoccException.checkNotNull(engine, "engine");
            DeoccException.checkArgument(ENGINES.contains(engine), "engine '" + engine + "' is unknown: use --engine "
                    + String.join(" or ", ENGINES));
            DeoccException.checkArgument(iterations >= 1, "--iterations " + iterations + " must be at least 1");
            DeoccException.checkArgument(every >= 1, "--every " + every + " must be at least 1");
            DeoccException.checkArgument(width >= SyntheticScenes.MIN_SIZE && width <= SyntheticScenes.MAX_SIZE
                    && height >= SyntheticScenes.MIN_SIZE && height <= SyntheticScenes.MAX_SIZE, "--width " + width
                    + " and --height " + height + " must be from " + SyntheticScenes.MIN_SIZE + " to " + SyntheticScenes.MAX_SIZE);
            DeoccException.checkArgument(scenes >= 1 && scenes <= 64, "--scenes " + scenes + " must be from 1 to 64");
            DeoccException.checkArgument(threads >= 1 && threads <= 256, "--threads " + threads + " must be from 1 to 256");
            DeoccException.checkArgument(Double.isFinite(boundPercent) && boundPercent > 0,
                    "--bound " + boundPercent + " must be a percentage above 0, e.g. 5");
        }

        /** The defaults for an engine: 10 000 runs, 200 samples, four 128×160 scenes, 2 threads, 5 %. */
        public static Settings defaults(String engine) {
            return new Settings(engine, 10_000, 50, 128, 160, 4, 2, SoakSummary.DEFAULT_BOUND_PERCENT);
        }

        /** These settings with another number of runs and sampling interval. */
        public Settings withIterations(int runs, int sampleEvery) {
            return new Settings(engine, runs, sampleEvery, width, height, scenes, threads, boundPercent);
        }

        /** These settings with scenes of another size. */
        public Settings withSize(int sceneWidth, int sceneHeight) {
            return new Settings(engine, iterations, every, sceneWidth, sceneHeight, scenes, threads, boundPercent);
        }
    }

    /** The pipeline configuration of an engine; {@code threads} goes to each DJL component. */
    public static PipelineConfig pipelineConfig(String engine, int threads) {
        DeoccException.checkNotNull(engine, "engine");
        return switch (engine) {
            case "reference" -> PipelineConfig.builder().put("segmenter", "mask-file").put("mask-completer", "reference")
                    .put("content-recoverer", "reference").build();
            case "djl", "onnx" -> PipelineConfig.builder().put("segmenter", engine + "-segmenter")
                    .put("segmenter.threads", Integer.toString(threads))
                    .put("mask-completer", engine + "-mask").put("mask-completer.threads", Integer.toString(threads))
                    .put("content-recoverer", engine + "-content").put("content-recoverer.threads", Integer.toString(threads)).build();
            default -> throw DeoccException.invalidArgument("engine '" + engine + "' is unknown: use " + String.join(" or ", ENGINES));
        };
    }

    /**
     * Runs the soak in this JVM and writes the series and the summary into {@code out} (created if absent).
     *
     * @return the summary
     */
    public static SoakSummary run(Settings settings, Path out) throws IOException {
        DeoccException.checkNotNull(settings, "settings");
        DeoccException.checkNotNull(out, "out");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("deocc-soak-");
        try {
            List<SoakSample> samples = new ArrayList<>();
            Path series = out.resolve("soak-" + settings.engine() + ".tsv");
            try (BufferedWriter writer = Files.newBufferedWriter(series, StandardCharsets.UTF_8)) {
                writer.write(SoakSample.HEADER + "\n");
                soak(settings, work, sample -> {
                    samples.add(sample);
                    try {
                        writer.write(sample.row() + "\n");
                        // flushed per sample: a run stopped early still leaves its series
                        writer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            SoakSummary summary = SoakSummary.of(settings.engine(), samples, settings.boundPercent());
            Files.writeString(out.resolve("soak-" + settings.engine() + "-summary.tsv"),
                    SoakSummary.HEADER + "\n" + summary.row() + "\n", StandardCharsets.UTF_8);
            return summary;
        } finally {
            deleteTree(work);
        }
    }

    private static void soak(Settings settings, Path work, java.util.function.Consumer<SoakSample> sink) throws IOException {
        List<Scene> scenes = SyntheticScenes.occludedPeople(20_261_125L, settings.scenes(), settings.width(), settings.height());
        List<SegmentationRequest> requests = new ArrayList<>();
        boolean reference = settings.engine().equals("reference");
        for (int i = 0; i < scenes.size(); i++) {
            String name = "scene-" + i + ".png";
            List<Path> masks = List.of();
            if (reference) {
                Path mask = work.resolve("scene-" + i + "-visible.png");
                ImageFiles.writePng(scenes.get(i).visible(), mask);
                masks = List.of(mask);
            }
            requests.add(new SegmentationRequest(scenes.get(i).image(), Optional.of(name), masks));
        }
        try (DeoccPipeline pipeline = DeoccPipeline.create(pipelineConfig(settings.engine(), settings.threads()))) {
            // after the pipeline loaded libtorch, so that the thread count is the components'; ONNX Runtime's
            // arrays live only inside a call, so only the djl engine has NDArrays to count
            Optional<NDManager> system = settings.engine().equals("djl") ? Optional.of(systemManager(settings.threads()))
                    : Optional.empty();
            sink.accept(sample(0, 0, system));
            long start = System.nanoTime();
            for (int i = 1; i <= settings.iterations(); i++) {
                int k = (i - 1) % scenes.size();
                List<PersonInstance> found = pipeline.segment(requests.get(k));
                List<PersonInstance> people = reference ? found : List.of(PersonInstance.of(1, scenes.get(k).visible()));
                DeoccResult result = pipeline.run(scenes.get(k).image(), people);
                if (!result.failures().isEmpty() || result.people().isEmpty()) {
                    throw failed(settings.engine(), i, result);
                }
                if (i % settings.every() == 0 || i == settings.iterations()) {
                    sink.accept(sample(i, (System.nanoTime() - start) / 1e9, system));
                }
            }
        }
    }

    private static DeoccException failed(String engine, int iteration, DeoccResult result) {
        Optional<PersonFailure> failure = result.failures().stream().findFirst();
        String why = failure.map(f -> "person " + f.personId() + " failed: " + f.error().getMessage()).orElse("no person was processed");
        return new DeoccException(ErrorCode.INTERNAL, "the " + engine + " soak's run " + iteration + " did not succeed (" + why
                + "): a soak measures only runs that do their whole work; fix the pipeline first", failure.map(PersonFailure::error).orElse(null));
    }

    /**
     * DJL's system manager, the root of every manager of the process (each component's model manager is a
     * sub-manager of it), reached through the public API: a fresh manager's parent.
     */
    static NDManager systemManager(int threads) {
        try (NDManager probe = Networks.load(threads).newManager()) {
            return probe.getParentManager();
        }
    }

    /** NDArrays alive on {@code root} and, recursively, on every manager below it. */
    static int liveArrays(NDManager root) {
        return root.getManagedArrays().size();
    }

    /** A sample of the process now. */
    static SoakSample sample(long iteration, double elapsedSeconds, Optional<NDManager> system) {
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool.getMemoryUsed();
            }
        }
        return new SoakSample(iteration, elapsedSeconds, PeakMemory.status("VmRSS"),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math.max(0, direct),
                system.map(Soak::liveArrays).orElse(-1), ManagementFactory.getThreadMXBean().getThreadCount(), openFiles());
    }

    /** Open file descriptors: the entries of /proc/self/fd, less the one this listing holds. */
    static int openFiles() {
        try (Stream<Path> fds = Files.list(STATUS_FD)) {
            return (int) Math.max(0, fds.count() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + STATUS_FD + " (the soak runs on Linux only)", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Command-line entry; see the class comment. With {@code --report OUT.md SUMMARY.tsv...} it instead
     * joins summary files into one Markdown table. Bad arguments fail with a {@code DeoccException} naming
     * the option.
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--report")) {
            DeoccException.checkArgument(args.length >= 3, "--report needs the Markdown file to write and at least one"
                    + " soak-<engine>-summary.tsv: --report soak-summary.md target/soak-reference-summary.tsv");
            List<SoakSummary> summaries = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                List<String> lines = Files.readAllLines(Path.of(args[i]), StandardCharsets.UTF_8);
                DeoccException.checkArgument(lines.size() >= 2 && lines.get(0).equals(SoakSummary.HEADER),
                        args[i] + " is not a soak summary (a header line and a row): give a soak-<engine>-summary.tsv");
                summaries.add(SoakSummary.parse(lines.get(1)));
            }
            Files.writeString(Path.of(args[1]), SoakSummary.markdown(summaries), StandardCharsets.UTF_8);
            return;
        }
        ToolOptions options = ToolOptions.parse(args, List.of("engine", "out", "iterations", "every", "width", "height", "scenes", "threads", "bound"));
        String engine = options.required("engine", "--engine " + String.join(" or --engine ", ENGINES));
        String out = options.required("out", "--out deocc-bench/target (the folder to write into)");
        Settings d = Settings.defaults(ENGINES.contains(engine) ? engine : "reference");
        int iterations = options.number("iterations", d.iterations());
        // about 200 samples by default: enough for the windows' medians, few enough to read
        int every = options.number("every", Math.max(1, iterations / 200));
        Settings settings = new Settings(engine, iterations, every, options.number("width", d.width()),
                options.number("height", d.height()), options.number("scenes", d.scenes()), options.number("threads", d.threads()),
                options.decimal("bound", d.boundPercent()));
        run(settings, Path.of(out));
    }
}
