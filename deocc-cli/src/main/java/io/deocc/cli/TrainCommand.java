package io.deocc.cli;

import io.deocc.api.DeoccException;
import io.deocc.api.ResourceLimits;
import io.deocc.api.spi.Stage;
import io.deocc.cli.Main.CliContext;
import io.deocc.data.Datasets;
import io.deocc.data.SampleSource;
import io.deocc.data.SynthPreset;
import io.deocc.data.SynthSet;
import io.deocc.model.BackboneSpec;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.training.Training;
import io.deocc.engine.djl.training.TrainingConfig;
import io.deocc.engine.djl.training.TrainingListener;
import io.deocc.engine.djl.training.TrainingProgress;
import io.deocc.engine.djl.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deocc train mask|content|segmenter}: trains one stage's network on DJL's PyTorch engine over
 * the synthetic stream or a dataset folder, validating on a bench set, and writes the final model as
 * {@code OUT/NAME.card.json} + {@code .params} (checkpoints go to {@code OUT/checkpoints/}).
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Train a stage's network (mask completion, content recovery or person segmentation) and save it with its model card.",
            "Data: a synthetic preset (the endless 'train' stream by default) or a dataset folder; validation on a bench set.",
        })
final class TrainCommand implements Callable<Integer> {
    private static final int DEFAULT_VALIDATION_COUNT = 64;

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "STAGE", description = "mask, content or segmenter.")
    private String stage;

    @Option(names = "--backbone", paramLabel = "NAME",
            description = "Backbone by bound name (default: stacked-unet for mask, pconv-pga for content, unet for segmenter).")
    private String backbone;

    @Option(names = "--width", paramLabel = "W", description = "Width multiplier (default: 1).")
    private Integer width;

    @Option(names = "--depth", paramLabel = "D", description = "Down-samplings of U-Net-like backbones (default: 4).")
    private Integer depth;

    @Option(names = "--size", paramLabel = "PIXELS", description = "Network input side (default: 128).")
    private Integer size;

    @Option(names = "--batch", paramLabel = "N", description = "Samples per step (default: 8).")
    private Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default: 0.001).")
    private Double learningRate;

    @Option(names = "--warm-up", paramLabel = "STEPS",
            description = "Raise the learning rate linearly from 0 over the first STEPS steps of this run; useful when resuming, "
                    + "since Adam restarts (default: 0, none).")
    private Long warmUpSteps;

    @Option(names = "--clip-grad", paramLabel = "BOUND",
            description = "Clip every gradient element to [-BOUND, BOUND] (default: 0, no clipping).")
    private Double clipGradient;

    @Option(names = "--l1", paramLabel = "WEIGHT", description = "L1 term of single-output mask networks (default: 0).")
    private Double l1;

    @Option(names = "--steps", paramLabel = "N", description = "Steps to train to, counting resumed ones (default: 1000).")
    private Long steps;

    @Option(names = "--seed", paramLabel = "N", description = "libtorch seed (default: 42).")
    private Integer seed;

    @Option(names = "--data", paramLabel = "PRESET|DIR", defaultValue = "train",
            description = "Training data: a synthetic preset (train, bench-mask, bench-content) or a dataset folder (default: ${DEFAULT-VALUE}).")
    private String data;

    @Option(names = "--data-seed", paramLabel = "N", description = "Seed of a synthetic training preset (default: the preset's).")
    private Long dataSeed;

    @Option(names = "--scene-size", paramLabel = "PIXELS", defaultValue = "256",
            description = "Side of generated synthetic scenes (default: ${DEFAULT-VALUE}).")
    private int sceneSize;

    @Option(names = "--validation", paramLabel = "PRESET|DIR",
            description = "Validation set: a synthetic preset or a dataset folder (default: bench-content for content, else bench-mask; 'none' to skip).")
    private String validation;

    @Option(names = "--validation-count", paramLabel = "N", defaultValue = "" + DEFAULT_VALIDATION_COUNT,
            description = "Samples of a synthetic validation preset (default: ${DEFAULT-VALUE}).")
    private long validationCount;

    @Option(names = "--validate-every", paramLabel = "N", description = "Steps between validations (default: 100; 0 = only at the end).")
    private Long validateEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints (default: 100; 0 = only at the end).")
    private Long checkpointEvery;

    @Option(names = "--resume", paramLabel = "CARD", description = "Continue from a checkpoint card written by an earlier run.")
    private Path resume;

    @Option(names = "--validate-only", description = "With --resume: score the checkpoint on the validation set and stop (no training, nothing written).")
    private boolean validateOnly;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Folder for the model and its checkpoints/ (required unless --validate-only).")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Model file name, also the checkpoints' prefix (default: <stage>-<backbone>).")
    private String name;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default: the number of processors).")
    private Integer threads;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when stderr is not a terminal.")
    private boolean progress;

    @Option(names = Main.VERBOSE, description = "Log progress to stderr and print stack traces with errors.")
    private boolean verbose;

    TrainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        TrainingConfig config = config();
        if (validateOnly) {
            return validateOnly(config);
        }
        if (out == null) {
            throw DeoccException.invalidArgument("no output folder: give -o DIR for the model and its checkpoints");
        }
        OutputPaths.checkFolder(out, "--out");
        Path checkpoints = out.resolve("checkpoints");
        try (SampleSource train = source(data, dataSeed, OptionalCount.ENDLESS);
                Training training = resume == null ? Training.create(config) : Training.resume(resume, config);
                // a resumed run's bar starts at its step, so that rate and ETA count only this run's steps
                Progress bar = Progress.start(context, progress, "train " + stage, config.steps(), "steps", training.step())) {
            Optional<SampleSource> validationSource = validationSource(config.stage());
            try {
                TrainingResult result = training.run(train, validationSource, checkpoints, new TrainingListener() {
                    @Override
                    public void onStep(TrainingProgress step) {
                        bar.stepTo(step.step());
                        bar.note(String.format(Locale.ROOT, "loss %.4f", step.loss()));
                    }

                    @Override
                    public void onValidation(long step, double metric) {
                        context.err().println(String.format(Locale.ROOT, "step %d: %s %.4f", step, training.metricName(), metric));
                    }
                });
                Path card = training.save(out, config.modelName());
                context.out().println(String.format(Locale.ROOT, "trained %s to step %d (last loss %.4f%s); model: %s",
                        config.backbone(), result.finalStep(), result.lastLoss(),
                        result.lastValidation().isPresent()
                                ? String.format(Locale.ROOT, ", %s %.4f", training.metricName(), result.lastValidation().getAsDouble())
                                : "", card));
            } finally {
                validationSource.ifPresent(SampleSource::close);
            }
        }
        return Main.EXIT_OK;
    }

    private int validateOnly(TrainingConfig config) {
        if (resume == null) {
            throw DeoccException.invalidArgument("--validate-only scores a checkpoint: give it with --resume CARD");
        }
        Optional<SampleSource> validationSource = validationSource(config.stage());
        if (validationSource.isEmpty()) {
            throw DeoccException.invalidArgument("--validate-only needs a validation set: give --validation PRESET|DIR");
        }
        try (SampleSource source = validationSource.get(); Training training = Training.resume(resume, config)) {
            double metric = training.validate(source);
            context.out().println(String.format(Locale.ROOT, "%s %.4f on %s (%s at step %d)", training.metricName(), metric,
                    source.description(), resume, training.step()));
        }
        return Main.EXIT_OK;
    }

    private TrainingConfig config() {
        Stage parsed = switch (stage.toLowerCase(Locale.ROOT)) {
            case "mask" -> Stage.MASK_COMPLETION;
            case "content" -> Stage.CONTENT_RECOVERY;
            case "segmenter", "segmentation" -> Stage.SEGMENTATION;
            default -> throw DeoccException.invalidArgument("stage '" + stage + "' is unknown: use mask, content or segmenter");
        };
        TrainingConfig config = TrainingConfig.defaults(parsed);
        if (resume != null) {
            // a checkpoint's network and size are the defaults of a resumed run
            ModelCard card = ModelCard.read(resume);
            config = config.withBackbone(card.backbone(), card.spec()).withInputSize(card.inputSize());
        }
        BackboneSpec defaults = config.spec();
        String chosen = backbone == null ? config.backbone() : backbone.trim().toLowerCase(Locale.ROOT);
        // a backbone named on the command line decides the mask networks' output channels (stacked: 2 classes)
        int outputs = backbone != null && parsed == Stage.MASK_COMPLETION ? (chosen.startsWith("stacked-unet") ? 2 : 1)
                : defaults.outputChannels();
        config = config.withBackbone(chosen, new BackboneSpec(defaults.inputChannels(), outputs,
                depth == null ? defaults.depth() : depth, width == null ? defaults.width() : width));
        // --name is checked like any model name: a plain file name, no path
        config = config.withModelName(name == null ? stageName(parsed) + "-" + chosen : name).withDataName(data);
        if (size != null) {
            config = config.withInputSize(size);
        }
        if (batch != null) {
            config = config.withBatchSize(batch);
        }
        if (learningRate != null) {
            config = config.withLearningRate(learningRate);
        }
        if (warmUpSteps != null) {
            config = config.withWarmUpSteps(warmUpSteps);
        }
        if (clipGradient != null) {
            config = config.withClipGradient(clipGradient);
        }
        if (l1 != null) {
            config = config.withL1Weight(l1);
        }
        if (steps != null) {
            config = config.withSteps(steps);
        }
        if (seed != null) {
            config = config.withSeed(seed);
        }
        if (validateEvery != null) {
            config = config.withValidateEvery(validateEvery);
        }
        if (checkpointEvery != null) {
            config = config.withCheckpointEvery(checkpointEvery);
        }
        if (threads != null) {
            config = config.withThreads(threads);
        }
        return config;
    }

    private static String stageName(Stage stage) {
        return switch (stage) {
            case MASK_COMPLETION -> "mask";
            case CONTENT_RECOVERY -> "content";
            case SEGMENTATION -> "segmenter";
        };
    }

    private Optional<SampleSource> validationSource(Stage parsed) {
        String chosen = validation != null ? validation : parsed == Stage.CONTENT_RECOVERY ? "bench-content" : "bench-mask";
        if (chosen.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        return Optional.of(source(chosen, null, new OptionalCount(validationCount)));
    }

    /** A synthetic preset by name, else a dataset folder. */
    private SampleSource source(String spec, Long presetSeed, OptionalCount count) {
        Path folder = Path.of(spec);
        if (Files.isDirectory(folder)) {
            return Datasets.open(folder, ResourceLimits.defaults());
        }
        SynthPreset preset;
        try {
            preset = SynthPreset.of(spec);
        } catch (DeoccException e) {
            throw DeoccException.invalidArgument("'" + spec + "' is neither a dataset folder nor a synthetic preset ("
                    + e.getMessage() + ")");
        }
        SynthSet set = SynthSet.of(preset).withSize(sceneSize);
        if (presetSeed != null) {
            set = set.withSeed(presetSeed);
        }
        if (count.value() > 0) {
            set = set.withCount(count.value());
        }
        return set.source();
    }

    /** A sample count for a synthetic preset; 0 keeps the preset's own (endless for {@code train}). */
    private record OptionalCount(long value) {
        static final OptionalCount ENDLESS = new OptionalCount(0);
    }
}
