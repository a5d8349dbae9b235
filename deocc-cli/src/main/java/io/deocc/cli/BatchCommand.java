package io.deocc.cli;

import io.deocc.api.ErrorType;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.DeoccResult;
import io.deocc.api.model.PersonResult;
import io.deocc.api.spi.Stage;
import io.deocc.cli.Main.CliContext;
import io.deocc.runtime.DeoccPipeline;
import io.deocc.runtime.PipelineConfig;
import io.deocc.runtime.PluginRegistry;
import io.deocc.runtime.batch.BatchItem;
import io.deocc.runtime.batch.BatchListener;
import io.deocc.runtime.batch.BatchOptions;
import io.deocc.runtime.batch.BatchReport;
import io.deocc.runtime.batch.BatchRunner;
import io.deocc.runtime.batch.ItemFiles;
import io.deocc.runtime.batch.ItemOutcome;
import io.deocc.runtime.batch.ItemStatus;
import io.deocc.runtime.batch.ItemWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deocc batch}: runs the pipeline over many images with {@link BatchRunner}, writing per item
 * what {@code deocc run} writes (through the same {@link PersonOutputs} and {@link Summary}).
 */
@Command(name = "batch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "De-occludes every image of INPUT: a folder (its .png, .jpg and .jpeg files, sorted), a quoted glob such as "
                    + "'photos/**/*.jpg', or a deocc-data dataset (a folder with manifest.jsonl, or the manifest; each sample's "
                    + "visible mask gives its person, read by the mask-file segmenter).",
            "Each item gets DIR/<id>/ with person-<n>/ (the six images of 'deocc run') and summary.json; an item's folder appears "
                    + "whole or not at all. DIR/report.json and DIR/report.csv list every item; DIR/.deocc-batch/index.jsonl records "
                    + "finished items, so a re-run skips those whose inputs, settings and files are unchanged.",
            "Settings apply in this order, later ones winning: --config file, the flags, then --set; "
                    + "limits.item-timeout-seconds bounds each item."},
        footer = {"", "Exit codes: 0 every item done (or done before), or --tolerate-failures; 1 an item failed, bad input or "
                + "configuration; 2 an item failed with an internal error."})
final class BatchCommand implements Callable<Integer> {
    /**
     * Part of every item's configuration checksum: change it when {@link PersonOutputs} or
     * {@link Summary} write something different, so that resumed batches redo old items.
     */
    static final String OUTPUT_FORMAT = "deocc-cli person outputs 1";
    static final String SUMMARY_FILE = RunCommand.SUMMARY_FILE;

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A folder of images, a quoted glob, or a dataset folder or manifest.")
    private String input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder; created when missing.")
    private Path outDir;

    @Option(names = "--workers", paramLabel = "N", description = "Items processed at once (default: the number of processor cores).")
    private Integer workers;

    @Option(names = "--tolerate-failures", description = "Exit with 0 even when some items failed (they are still in the report).")
    private boolean tolerateFailures;

    @Option(names = "--no-resume", description = "Redo every item, even those a previous run finished.")
    private boolean noResume;

    @Option(names = "--segmenter", paramLabel = "NAME", description = "Segmenter to use (see 'deocc plugins').")
    private String segmenter;

    @Mixin
    private PipelineOptions pipeline = new PipelineOptions();

    @Option(names = "--progress", description = "Show a progress bar on stderr even when it is not a terminal.")
    private boolean progress;

    @Option(names = Main.VERBOSE, description = "Log progress to stderr and print stack traces with errors.")
    private boolean verbose;

    BatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        BatchOptions options = new BatchOptions(workers != null ? workers : Runtime.getRuntime().availableProcessors(), !noResume);
        Path out = context.workingDirectory().resolve(outDir);
        OutputPaths.checkFolder(out, "--out");
        BatchInputs.Inputs inputs = BatchInputs.resolve(input, context.workingDirectory());
        for (String problem : inputs.problems()) {
            context.err().println("deocc: skipped " + Main.oneLine(problem));
        }

        PluginRegistry registry = context.plugins().get();
        if (!registry.problems().isEmpty()) {
            context.err().println("deocc: warning: " + registry.problems().size() + " plugin(s) failed to load and are skipped: "
                    + Main.oneLine(registry.problems().toString()) + " (see 'deocc plugins')");
        }
        Optional<String> engine = pipeline.engine(registry, spec.commandLine());
        PipelineConfig config = EngineChoice.apply(pipelineConfig(inputs.dataset()), registry, engine);
        if (!inputs.dataset()) {
            config = SegmenterDefaults.forUnmaskedImages(config, registry, spec.commandLine(),
                    "give a dataset folder, whose samples carry their visible masks", engine);
        }
        BatchReport report;
        try (DeoccPipeline composed = DeoccPipeline.create(registry, config, List.of());
                Progress bar = Progress.start(context, progress, "batch", inputs.items().size(), "images")) {
            BatchRunner runner = BatchRunner.create(composed, out, new PersonWriter(config, registry, composed, out), options);
            report = runner.run(inputs.items(), new BatchListener() {
                @Override
                public void itemFinished(ItemOutcome outcome) {
                    bar.step();
                }
            });
        }
        return finish(report, inputs);
    }

    /** The --config file, then the flags, then --set; a dataset implies the mask-file segmenter unless one is named. */
    private PipelineConfig pipelineConfig(boolean dataset) {
        Optional<PipelineConfig> file = pipeline.file();
        Optional<String> fromFile = file.flatMap(config -> config.selection(Stage.SEGMENTATION).name());
        boolean formatFromFile = file.map(config -> config.selection(Stage.SEGMENTATION).config().get("format").isPresent()).orElse(false);
        return pipeline.build(builder -> {
            String chosen = pipeline.setting("segmenter");
            if (segmenter != null) {
                builder.segmenter(segmenter.trim());
                chosen = chosen != null ? chosen : segmenter.trim();
            }
            chosen = chosen != null ? chosen : fromFile.orElse(null);
            if (dataset && chosen == null) {
                chosen = RunCommand.MASK_FILE_SEGMENTER;
                builder.segmenter(chosen);
            }
            if (dataset && RunCommand.MASK_FILE_SEGMENTER.equals(chosen) && !formatFromFile && pipeline.setting("segmenter.format") == null) {
                builder.put("segmenter.format", "binary");
            }
        });
    }

    private int finish(BatchReport report, BatchInputs.Inputs inputs) {
        boolean internal = false;
        for (ItemOutcome outcome : report.items()) {
            if (!outcome.status().succeeded()) {
                context.err().println("deocc: item " + outcome.itemId() + " " + outcome.status() + " ("
                        + outcome.errorCode().map(Enum::name).orElse("?") + "): " + Main.oneLine(outcome.message()));
                internal |= outcome.errorCode().map(code -> code.type() == ErrorType.INTERNAL_ERROR).orElse(false);
            }
        }
        report.reportProblem().ifPresent(problem -> context.err().println("deocc: " + Main.oneLine(problem)));
        context.out().println(String.format(Locale.ROOT,
                "batch: %d done, %d skipped (done before), %d failed, %d timed out, %d not run; %.2f items/s; report: %s",
                report.count(ItemStatus.DONE), report.count(ItemStatus.SKIPPED_DONE_BEFORE), report.count(ItemStatus.FAILED),
                report.count(ItemStatus.TIMED_OUT), report.count(ItemStatus.NOT_RUN), report.itemsPerSecond(), report.jsonFile()));
        if (report.reportProblem().isPresent()) {
            return Main.EXIT_BAD_INPUT;
        }
        boolean allGood = report.succeeded() && inputs.problems().isEmpty();
        if (allGood || tolerateFailures) {
            return Main.EXIT_OK;
        }
        return internal ? Main.EXIT_INTERNAL : Main.EXIT_BAD_INPUT;
    }

    /** Writes an item as {@code deocc run} writes an image: the person files and summary.json. */
    private static final class PersonWriter implements ItemWriter {
        private final PipelineConfig config;
        private final PluginRegistry registry;
        private final DeoccPipeline pipeline;
        private final Path out;

        PersonWriter(PipelineConfig config, PluginRegistry registry, DeoccPipeline pipeline, Path out) {
            this.config = config;
            this.registry = registry;
            this.pipeline = pipeline;
            this.out = out;
        }

        @Override
        public void write(ItemFiles files, BatchItem item, RgbImage image, DeoccResult result) throws IOException {
            PersonOutputs.Sink sink = (relativePath, content) -> {
                try (OutputStream stream = files.create(relativePath)) {
                    content.writeTo(stream);
                }
            };
            // The final folder, not the staging one: that is where the files will be read.
            Summary summary = new Summary(item.image(), image, out.resolve(item.id()), config, registry, pipeline);
            for (PersonResult person : result.people()) {
                Map<String, String> written = PersonOutputs.write(sink, image, person);
                // per-person times are not measured in a batch: the pipeline's listeners are shared by all workers
                summary.addPerson(person, written, -1);
            }
            byte[] json = summary.toJson().getBytes(StandardCharsets.UTF_8);
            sink.write(SUMMARY_FILE, stream -> stream.write(json));
        }

        @Override
        public String outputFormat() {
            return OUTPUT_FORMAT;
        }
    }
}
