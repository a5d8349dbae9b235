package io.deocc.cli;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.AtomicFiles;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.DeoccResult;
import io.deocc.api.model.PersonFailure;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.model.PersonResult;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Stage;
import io.deocc.cli.Main.CliContext;
import io.deocc.runtime.DeoccPipeline;
import io.deocc.runtime.PipelineConfig;
import io.deocc.runtime.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deocc run}: segments an image, completes and recovers every person, and writes the results.
 *
 * <p>Everything that can be wrong with the input is found before the first file is written: the
 * image is read and the whole pipeline runs in memory first, so bad input leaves nothing on disk.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "De-occludes the people in IMAGE: completes their masks, paints their hidden part, writes the results.",
            "Per person, DIR/person-<id>/ gets refined-visible.png, amodal.png and invisible.png (masks, white = person), "
                    + "layer.png (the whole recovered person, transparent elsewhere), composite.png (IMAGE with the hidden part "
                    + "painted) and panel.png (input | visible mask tinted green | amodal mask: visible green, hidden orange | "
                    + "composite); DIR/summary.json describes the run. Nothing is written when the input is bad.",
            "Settings apply in this order, later ones winning: --config file, the flags, then --set."},
        footer = {"", "Exit codes: 0 success, 1 bad input or configuration (or a person failed), 2 internal error."})
final class RunCommand implements Callable<Integer> {
    static final String SUMMARY_FILE = "summary.json";
    static final String MASK_FILE_SEGMENTER = "mask-file";
    static final String COCO_SEGMENTER = "coco-json";

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The photo, PNG or JPEG.")
    private Path image;

    @Option(names = "--masks", split = ",", paramLabel = "MASK",
            description = "One mask PNG per person (non-zero pixels are the person), comma-separated or repeated. "
                    + "Selects the mask-file segmenter unless another is named.")
    private List<Path> masks = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "LABELS",
            description = "One grey or palette PNG in which each non-zero id marks one person. Selects the mask-file segmenter.")
    private Path labels;

    @Option(names = "--coco", paramLabel = "ANNOTATIONS",
            description = "COCO instance annotations (JSON); people are read from the image's entry. Selects the coco-json segmenter.")
    private Path coco;

    @Option(names = "--coco-image-id", paramLabel = "ID",
            description = "The image's id in the COCO file (default: looked up by the image's file name).")
    private Long cocoImageId;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: out/<image file name without extension>).")
    private Path outDir;

    @Option(names = "--segmenter", paramLabel = "NAME", description = "Segmenter to use (see 'deocc plugins').")
    private String segmenter;

    @Mixin
    private PipelineOptions pipeline = new PipelineOptions();

    @Option(names = "--json", description = "Print the summary as JSON to stdout instead of one line per person.")
    private boolean json;

    @Option(names = Main.VERBOSE, description = "Log progress to stderr and print stack traces with errors.")
    private boolean verbose;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        checkFlagCombinations();
        PipelineConfig config = pipelineConfig();
        Path out = outputDirectory();
        OutputPaths.checkFolder(out, "output folder");
        List<Path> maskFiles = labels != null ? List.of(labels) : List.copyOf(masks);

        // Read, compose, segment and process first: any failure here must leave the disk untouched.
        long start = System.nanoTime();
        RgbImage rgb = ImageFiles.readRgb(image, config.limits());
        long read = System.nanoTime();
        PluginRegistry registry = context.plugins().get();
        if (!registry.problems().isEmpty()) {
            context.err().println("deocc: warning: " + registry.problems().size() + " plugin(s) failed to load and are skipped: "
                    + Main.oneLine(registry.problems().toString()) + " (see 'deocc plugins')");
        }
        Optional<String> engine = pipeline.engine(registry, spec.commandLine());
        config = withSegmenterForUnmaskedImages(EngineChoice.apply(config, registry, engine), registry, engine);
        PersonTimer timer = new PersonTimer();
        try (DeoccPipeline pipeline = DeoccPipeline.create(registry, config, List.of(timer))) {
            long created = System.nanoTime();
            SegmentationRequest request = new SegmentationRequest(rgb, Optional.of(image.getFileName().toString()), maskFiles);
            List<PersonInstance> people = pipeline.segment(request);
            long segmented = System.nanoTime();
            log.info("segmenter '{}' found {} person(s) in {}", pipeline.descriptor(Stage.SEGMENTATION).name(), people.size(), image);
            timer.start();
            DeoccResult result = pipeline.run(rgb, people);
            long processed = System.nanoTime();

            int exitCode = Main.EXIT_OK;
            for (PersonFailure failure : result.failures()) {
                context.err().println("deocc: person " + failure.personId() + " failed (" + failure.error().errorCode() + "): "
                        + Main.oneLine(failure.error().getMessage()));
                if (verbose) {
                    failure.error().printStackTrace(context.err());
                }
                exitCode = Math.max(exitCode, Main.exitCodeOf(failure.error()));
            }
            if (result.people().isEmpty() && !result.failures().isEmpty()) {
                return exitCode; // nothing succeeded: nothing worth writing
            }

            Summary summary = new Summary(image, rgb, out, config, registry, pipeline);
            for (PersonResult person : result.people()) {
                Map<String, String> files;
                try {
                    files = PersonOutputs.write(PersonOutputs.into(out), rgb, person);
                } catch (IOException e) {
                    throw new DeoccException(ErrorCode.IO_FAILURE, "cannot write person " + person.person().id() + " to '" + out + "' (" + e
                            + "): check that the folder is writable and the disk has space", e);
                }
                summary.addPerson(person, files, timer.elapsedMillis(person.person().id()));
                log.info("wrote person {} to {}", person.person().id(), out.resolve(PersonOutputs.folderName(person.person().id())));
            }
            for (PersonFailure failure : result.failures()) {
                summary.addFailure(failure, timer.elapsedMillis(failure.personId()));
            }
            summary.timings(millis(start, read), millis(read, created), millis(created, segmented), millis(segmented, processed),
                    millis(start, System.nanoTime()));
            String text = summary.toJson();
            AtomicFiles.writeString(out.resolve(SUMMARY_FILE), text);
            if (json) {
                context.out().println(text);
            } else {
                printPeople(result, out);
            }
            return exitCode;
        }
    }

    private void checkFlagCombinations() {
        if (!masks.isEmpty() && labels != null) {
            throw new ParameterException(spec.commandLine(), "--masks and --labels are alternatives: give one of them");
        }
        if (coco != null && (!masks.isEmpty() || labels != null)) {
            throw new ParameterException(spec.commandLine(), "--coco cannot be combined with --masks or --labels: give one source of people");
        }
        if (cocoImageId != null && coco == null) {
            throw new ParameterException(spec.commandLine(), "--coco-image-id needs --coco ANNOTATIONS");
        }
    }

    /** The --config file, then the flags, then --set; mask and COCO flags imply their segmenter unless one is named. */
    PipelineConfig pipelineConfig() {
        Optional<PipelineConfig> file = pipeline.file();
        Optional<String> fromFile = file.flatMap(config -> config.selection(Stage.SEGMENTATION).name());
        boolean formatFromFile = file.map(config -> config.selection(Stage.SEGMENTATION).config().get("format").isPresent()).orElse(false);
        return pipeline.build(builder -> {
            if (segmenter != null) {
                builder.segmenter(segmenter.trim());
            }
            String chosen = firstNonNull(pipeline.setting("segmenter"), segmenter == null ? null : segmenter.trim(), fromFile.orElse(null));
            boolean maskFlags = !masks.isEmpty() || labels != null;
            if (chosen == null && (maskFlags || coco != null)) {
                chosen = coco != null ? COCO_SEGMENTER : MASK_FILE_SEGMENTER;
                builder.segmenter(chosen);
            }
            if (maskFlags && MASK_FILE_SEGMENTER.equals(chosen) && !formatFromFile && pipeline.setting("segmenter.format") == null) {
                builder.put("segmenter.format", labels != null ? "labels" : "binary");
            }
            if (coco != null) {
                builder.put("segmenter.annotations", coco.toAbsolutePath().toString());
                if (cocoImageId != null) {
                    builder.put("segmenter.image-id", Long.toString(cocoImageId));
                }
            }
        });
    }

    /** Without --masks, --labels or --coco, the segmenter that finds people; see {@link SegmenterDefaults}. */
    private PipelineConfig withSegmenterForUnmaskedImages(PipelineConfig config, PluginRegistry registry, Optional<String> engine) {
        boolean peopleGiven = !masks.isEmpty() || labels != null || coco != null;
        if (peopleGiven) {
            return config;
        }
        return SegmenterDefaults.forUnmaskedImages(config, registry, spec.commandLine(),
                "pass their masks with --masks A.png,B.png, --labels L.png or --coco ANNOTATIONS.json", engine);
    }

    private Path outputDirectory() {
        if (outDir != null) {
            return outDir;
        }
        return context.workingDirectory().resolve("out").resolve(stem(image));
    }

    /** The file name without its extension, e.g. {@code street} for {@code photos/street.png}. */
    static String stem(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return "image";
        }
        String text = name.toString();
        int dot = text.lastIndexOf('.');
        String stem = dot > 0 ? text.substring(0, dot) : text;
        return stem.isBlank() ? "image" : stem;
    }

    private void printPeople(DeoccResult result, Path out) {
        if (result.people().isEmpty() && result.failures().isEmpty()) {
            context.out().println("no people found in " + image);
            return;
        }
        for (PersonResult person : result.people()) {
            var masksOf = person.masks();
            int amodal = masksOf.amodal().area();
            int hidden = masksOf.invisible().area();
            context.out().println(String.format(Locale.ROOT, "person %d: %.0f%% hidden (visible %d px, amodal %d px) -> %s",
                    person.person().id(), 100.0 * hidden / Math.max(1, amodal), masksOf.refinedVisible().area(), amodal,
                    out.resolve(PersonOutputs.folderName(person.person().id()))));
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e6);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
