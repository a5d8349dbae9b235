package io.deocc.cli;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.cli.Main.CliContext;
import io.deocc.content.metrics.ContentMetricsSummary;
import io.deocc.data.Datasets;
import io.deocc.data.SampleResult;
import io.deocc.data.SampleSource;
import io.deocc.data.eval.ContentMasks;
import io.deocc.data.eval.Evaluation;
import io.deocc.data.eval.EvaluationReport;
import io.deocc.data.eval.ReportWriter;
import io.deocc.data.eval.SkippedItem;
import io.deocc.mask.metrics.MaskMetricsSummary;
import io.deocc.runtime.PipelineConfig;
import io.deocc.runtime.PluginRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deocc eval}: scores a mask completer and/or a content recoverer on a dataset folder and
 * writes report.json, items.csv, report.html and the best and worst cases' panels.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Evaluates components on a dataset (see docs/DATASET.md): the mask completer's amodal and invisible-region IoU "
                    + "(mean, global and by visible-ratio bin) and the content recoverer's L1, L2, PSNR and SSIM inside the "
                    + "ground-truth invisible region.",
            "Writes OUT/report.json, OUT/items.csv (one row per item, skipped ones with their reason), OUT/report.html "
                    + "(open it in a browser) and OUT/panels/*.png (input | the completer's input mask | predicted amodal vs ground truth: green "
                    + "truly visible, orange hidden and found, red predicted but not true, blue missed | composite).",
            "Items that cannot be read or on which a component fails are skipped and counted; the run goes on.",
            "Settings apply in this order, later ones winning: --config file, the flags, then --set."},
        footer = {"", "Exit codes: 0 the evaluation ran (even with skipped items), 1 bad input or configuration, 2 internal error."})
final class EvalCommand implements Callable<Integer> {
    /** Which stages to score. */
    enum StageChoice {
        /** Both when the dataset's first sample has an original image, else the mask stage. */
        AUTO,
        MASK,
        CONTENT,
        BOTH;

        static StageChoice parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "mask" -> MASK;
                case "content" -> CONTENT;
                case "both" -> BOTH;
                default -> throw DeoccException.invalidArgument("--stage '" + text + "' is not a stage: give mask, content, both or auto");
            };
        }
    }

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "The dataset folder (manifest.jsonl and PNGs).")
    private Path dataset;

    @Option(names = "--stage", paramLabel = "STAGE",
            description = "mask, content, both, or auto (default): both when the dataset has original (unoccluded) images, else mask.")
    private String stage = "auto";

    @Option(names = "--content-masks", paramLabel = "MASKS",
            description = "Masks given to the recoverer: ground-truth (default; isolates the recoverer, as the paper's numbers do) "
                    + "or predicted (the completer's; scores the whole pipeline).")
    private String contentMasks = ContentMasks.GROUND_TRUTH.label();

    @Mixin
    private PipelineOptions pipeline = new PipelineOptions();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of processors).")
    private Integer threads;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N items.")
    private Long limit;

    @Option(names = "--cases", paramLabel = "K", description = "Best and worst cases to show (default: ${DEFAULT-VALUE}).")
    private int cases = Evaluation.Builder.DEFAULT_EXTREMES;

    @Option(names = {"-o", "--out"}, paramLabel = "REPORTDIR", description = "Report folder (default: out/eval-<dataset folder name>).")
    private Path outDir;

    @Option(names = "--json", description = "Print report.json to stdout instead of the table.")
    private boolean json;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when stderr is not a terminal.")
    private boolean progress;

    @Option(names = Main.VERBOSE, description = "Log progress to stderr and print stack traces with errors.")
    private boolean verbose;

    EvalCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // Everything the user can get wrong is checked before the first item is evaluated.
        ContentMasks masks = parseContentMasks(contentMasks);
        StageChoice choice = StageChoice.parse(stage);
        if (threads != null && (threads < 1 || threads > Evaluation.Builder.MAX_THREADS)) {
            throw new ParameterException(spec.commandLine(), "--threads " + threads + " must lie in [1, " + Evaluation.Builder.MAX_THREADS + "]");
        }
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit " + limit + " must be at least 1");
        }
        if (cases < 0 || cases > 100) {
            throw new ParameterException(spec.commandLine(), "--cases " + cases + " must lie in [0, 100]");
        }
        PipelineConfig config = pipeline.build();
        Path out = outDir != null ? outDir : context.workingDirectory().resolve("out").resolve("eval-" + folderName(dataset));
        OutputPaths.checkFolder(out, "output folder");
        if (!Files.isDirectory(dataset)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "dataset folder '" + dataset + "' does not exist or is not a folder: "
                    + "give a folder written by 'deocc synth' or laid out as docs/DATASET.md describes");
        }
        PluginRegistry registry = context.plugins().get();
        if (!registry.problems().isEmpty()) {
            context.err().println("deocc: warning: " + registry.problems().size() + " plugin(s) failed to load and are skipped: "
                    + Main.oneLine(registry.problems().toString()) + " (see 'deocc plugins')");
        }

        config = EngineChoice.apply(config, registry, pipeline.engine(registry, spec.commandLine()));
        try (SampleSource source = Datasets.open(dataset, config.limits())) {
            StageChoice resolved = choice == StageChoice.AUTO ? (firstSampleHasOriginal(source) ? StageChoice.BOTH : StageChoice.MASK) : choice;
            boolean maskStage = resolved != StageChoice.CONTENT;
            boolean contentStage = resolved != StageChoice.MASK;
            if (masks == ContentMasks.PREDICTED && !(maskStage && contentStage)) {
                throw new ParameterException(spec.commandLine(), "--content-masks predicted needs both stages (--stage both): "
                        + "the completer predicts the masks the recoverer is given");
            }
            PluginContext pluginContext = PluginContext.of(config.limits());
            try (MaskCompleter completer = maskStage ? registry.create(Stage.MASK_COMPLETION, MaskCompleter.class, config.selection(Stage.MASK_COMPLETION), pluginContext) : null;
                    ContentRecoverer recoverer = contentStage
                            ? registry.create(Stage.CONTENT_RECOVERY, ContentRecoverer.class, config.selection(Stage.CONTENT_RECOVERY), pluginContext) : null) {
                Evaluation.Builder builder = Evaluation.builder().contentMasks(masks).extremes(cases)
                        .threads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
                if (completer != null) {
                    builder.completer(completer);
                }
                if (recoverer != null) {
                    builder.recoverer(recoverer);
                }
                if (limit != null) {
                    builder.limit(limit);
                }
                EvaluationReport report;
                try (Progress bar = Progress.start(context, progress, "eval", source.size().orElse(0), "items")) {
                    builder.listener((done, total) -> {
                        total.ifPresent(bar::total);
                        bar.stepTo(done);
                    });
                    report = builder.build().run(source);
                }
                ReportWriter.writeAll(report, out);
                if (json) {
                    context.out().print(ReportWriter.toJson(report));
                } else {
                    printTable(report, out);
                }
                warnAboutSkipped(report);
                return Main.EXIT_OK;
            }
        }
    }

    private ContentMasks parseContentMasks(String text) {
        for (ContentMasks value : ContentMasks.values()) {
            if (value.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new ParameterException(spec.commandLine(), "--content-masks '" + text + "' is not known: give ground-truth or predicted");
    }

    /** Peeks at the first loadable item; a dataset of unreadable items counts as having none. */
    private static boolean firstSampleHasOriginal(SampleSource source) {
        try (Stream<SampleResult> items = source.stream()) {
            return items.filter(SampleResult.Loaded.class::isInstance).map(r -> ((SampleResult.Loaded) r).sample()).findFirst()
                    .map(sample -> sample.original().isPresent()).orElse(false);
        }
    }


    private void printTable(EvaluationReport report, Path out) {
        PrintStream o = context.out();
        o.println(report.dataset());
        o.println("completer: " + report.completer().orElse("-") + "    recoverer: " + report.recoverer().orElse("-")
                + (report.recoverer().isPresent() ? " (" + report.contentMasks().label() + " masks)" : ""));
        o.println(String.format(Locale.ROOT, "items:     %d scored, %d skipped, %.1f s", report.scoredCount(), report.skippedCount(),
                report.elapsedMillis() / 1000.0));
        o.println();
        o.println(String.format(Locale.ROOT, "%-20s %10s", "metric", "value"));
        MaskMetricsSummary mask = report.mask().orElse(null);
        ContentMetricsSummary content = report.content().orElse(null);
        o.println(line("mIoU", mask == null ? Double.NaN : mask.meanIou(), "%.4f"));
        o.println(line("global IoU", mask == null ? Double.NaN : mask.globalIou(), "%.4f"));
        o.println(line("invisible mIoU", mask == null ? Double.NaN : mask.invisibleMeanIou(), "%.4f"));
        o.println(line("L1", content == null ? Double.NaN : content.meanL1(), "%.4f"));
        o.println(line("PSNR (dB)", content == null ? Double.NaN : content.meanPsnr(), "%.2f"));
        o.println(line("SSIM", content == null ? Double.NaN : content.meanSsim(), "%.4f"));
        o.println(String.format(Locale.ROOT, "%-20s %10d", "skipped", report.skippedCount()));
        o.println();
        o.println("report: " + out.resolve(ReportWriter.HTML_FILE));
    }

    private static String line(String name, double value, String format) {
        String text = Double.isNaN(value) ? "-" : value == Double.POSITIVE_INFINITY ? "inf" : String.format(Locale.ROOT, format, value);
        return String.format(Locale.ROOT, "%-20s %10s", name, text);
    }

    private void warnAboutSkipped(EvaluationReport report) {
        if (report.skipped().isEmpty()) {
            return;
        }
        SkippedItem first = report.skipped().get(0);
        context.err().println("deocc: warning: " + report.skippedCount() + " item(s) skipped (reasons in items.csv); first: '" + first.id()
                + "' in the " + first.phase().label() + " phase: " + first.reason());
    }

    private static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "dataset" : name.toString();
    }
}
