package io.deocc.engine.djl.internal;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.Stage;
import io.deocc.data.Sample;
import io.deocc.data.SampleResult;
import io.deocc.data.SampleSource;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.engine.djl.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.engine.djl.model.Normalisation;
import io.deocc.engine.djl.training.MaskTrainingConfig;
import io.deocc.engine.djl.training.MaskTrainingResult;
import io.deocc.engine.djl.training.TrainingListener;
import io.deocc.engine.djl.training.TrainingProgress;
import io.deocc.mask.crop.PersonCrop;
import io.deocc.mask.metrics.MaskMetrics;
import io.deocc.mask.metrics.MaskMetricsSummary;
import io.deocc.mask.metrics.MaskScore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the mask-completion network: each sample is cropped around its input mask's box as the
 * {@code djl-unet} completer crops ({@link PersonCrop}, context from the config), resized to S×S, and
 * the network learns the amodal mask from RGB plus the input (segmenter, else visible) mask with a
 * sigmoid binary cross-entropy, plus an optional L1 term on the probabilities, under Adam at a fixed
 * learning rate. libtorch is seeded before the network is built, so a run repeats.
 *
 * <p>Checkpoints are {@link ModelFiles} pairs whose card records the recipe, including the step
 * reached ({@value #STEP_KEY}). {@link #resume} rebuilds the network from such a card and continues
 * the step count; Adam's moment estimates are not saved, so a resumed run starts them afresh (its
 * first steps may move the weights more than an uninterrupted run would). A resumed run reads its
 * training source from the start: pass a source that continues where the earlier one stopped (e.g. a
 * synthetic set with another seed) if the same samples must not be seen twice.
 *
 * <p>Validation scores the network as the completer uses it: probabilities pasted back at the image's
 * size, thresholded at 0.5 and OR-ed with the input mask, then the mean amodal IoU over the set via
 * {@link MaskScore} and {@link MaskMetrics}.
 *
 * <p>Not thread-safe: one thread drives a training. Close it to free the network and the optimiser.
 *
 * <p>It lives in {@code internal} because it needs the engine loader ({@link DjlEngine}); the exported
 * {@code io.deocc.engine.djl.training} package holds its config, listener and result types.
 */
public final class MaskTraining implements AutoCloseable {
    /** Recipe key holding the step a checkpoint was written at. */
    public static final String STEP_KEY = "step";
    /** Bench-metric key of the last validation's mean amodal IoU in a checkpoint's card. */
    public static final String VALIDATION_METRIC = "validation-amodal-miou";
    /** The probability at which a pixel counts as amodal in validation. */
    public static final double THRESHOLD = 0.5;
    /** The output classes the card records: background and person. */
    private static final int CLASSES = 2;
    private static final String CREATED_BY = "deocc-engine-djl MaskTraining";

    private static final Logger LOG = LoggerFactory.getLogger(MaskTraining.class);

    private final MaskTrainingConfig config;
    private final Model model;
    private final Trainer trainer;
    private long step;
    private OptionalDouble lastValidation = OptionalDouble.empty();
    private boolean closed;

    private MaskTraining(MaskTrainingConfig config, Model model, Trainer trainer, long step) {
        this.config = config;
        this.model = model;
        this.trainer = trainer;
        this.step = step;
    }

    /**
     * A fresh network for {@code config}, its parameters initialised after seeding libtorch with the config's seed.
     *
     * @throws DeoccException {@code UNKNOWN_COMPONENT} for an unbound backbone; {@code SIZE_MISMATCH} when the
     *         input size breaks the backbone's size rule
     */
    public static MaskTraining create(MaskTrainingConfig config) {
        DeoccException.checkNotNull(config, "config");
        DjlEngine engine = DjlEngine.load(new EngineSettings(config.threads()));
        Backbone backbone = checkedBackbone(engine, config);
        engine.seed(config.seed());
        Model model = Model.newInstance(config.modelName(), Device.cpu(), DjlEngine.ENGINE_NAME);
        try {
            model.setBlock(backbone.build(config.spec()));
            return new MaskTraining(config, model, newTrainer(model, config), 0);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Continues a run from a checkpoint: the card's weights, and the step count stored in its recipe.
     * The card must match the config's backbone, spec and input size; the config's step count is where
     * the resumed run stops.
     *
     * @throws DeoccException {@code MODEL_INVALID} for a card of another stage, network or size, or without a
     *         step; {@code FILE_NOT_FOUND} for a missing card or weights file
     */
    public static MaskTraining resume(Path cardFile, MaskTrainingConfig config) {
        DeoccException.checkNotNull(cardFile, "cardFile");
        DeoccException.checkNotNull(config, "config");
        DjlEngine engine = DjlEngine.load(new EngineSettings(config.threads()));
        checkedBackbone(engine, config);
        ModelCard card = ModelCard.read(cardFile);
        checkCard(cardFile, card, config);
        long savedStep = savedStep(cardFile, card);
        engine.seed(config.seed());
        Model model = Model.newInstance(config.modelName(), Device.cpu(), DjlEngine.ENGINE_NAME);
        try {
            LoadedModel loaded = ModelFiles.load(cardFile, config.backbone(), engine.backbones(), model.getNDManager());
            model.setBlock(loaded.block());
            MaskTraining training = new MaskTraining(config, model, newTrainer(model, config), savedStep);
            LOG.info("resumed mask training from {} at step {}", cardFile, savedStep);
            return training;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The config this training runs with. */
    public MaskTrainingConfig config() {
        return config;
    }

    /** Steps done so far, counting those before a resume. */
    public long step() {
        return step;
    }

    /** The trained block (live: it changes as training goes on); for saving or inspection. */
    public Block block() {
        checkOpen();
        return model.getBlock();
    }

    /**
     * Trains until the config's step count: batches of {@code batchSize} samples from {@code train} (read again from
     * its start when a finite source runs out; skipped items are logged and passed over), a validation every
     * {@code validateEvery} steps and at the end when {@code validation} is given, a checkpoint every
     * {@code checkpointEvery} steps and at the end into {@code checkpointDir}.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} when a source yields no usable sample, or when the loss stops
     *         being finite (then lower the learning rate)
     */
    public MaskTrainingResult run(SampleSource train, Optional<SampleSource> validation, Path checkpointDir,
            TrainingListener listener) {
        checkOpen();
        DeoccException.checkNotNull(train, "train");
        DeoccException.checkNotNull(validation, "validation");
        DeoccException.checkNotNull(checkpointDir, "checkpointDir");
        DeoccException.checkNotNull(listener, "listener");
        long started = System.nanoTime();
        double lastLoss = Double.NaN;
        Optional<Path> lastCheckpoint = Optional.empty();
        long validatedAt = -1;
        long savedAt = -1;
        try (SampleCycle samples = new SampleCycle(train)) {
            while (step < config.steps()) {
                List<Sample> batch = new ArrayList<>(config.batchSize());
                while (batch.size() < config.batchSize()) {
                    batch.add(samples.next());
                }
                lastLoss = trainStep(batch);
                listener.onStep(new TrainingProgress(step, config.steps(), lastLoss,
                        Duration.ofNanos(System.nanoTime() - started)));
                if (validation.isPresent() && config.validateEvery() > 0 && step % config.validateEvery() == 0) {
                    listener.onValidation(step, validate(validation.get()));
                    validatedAt = step;
                }
                if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
                    lastCheckpoint = Optional.of(checkpoint(checkpointDir));
                    listener.onCheckpoint(step, lastCheckpoint.get());
                    savedAt = step;
                }
            }
        }
        if (validation.isPresent() && validatedAt != step) {
            listener.onValidation(step, validate(validation.get()));
        }
        if (savedAt != step) {
            lastCheckpoint = Optional.of(checkpoint(checkpointDir));
            listener.onCheckpoint(step, lastCheckpoint.get());
        }
        return new MaskTrainingResult(step, lastLoss, lastCheckpoint, lastValidation);
    }

    /**
     * One optimiser step on {@code batch}; returns its loss.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for an empty batch or a non-finite loss
     */
    public double trainStep(List<Sample> batch) {
        checkOpen();
        DeoccException.checkNotNull(batch, "batch");
        DeoccException.checkArgument(!batch.isEmpty(), "the batch is empty: give at least one sample");
        List<RgbImage> images = new ArrayList<>(batch.size());
        List<BinaryMask> inputs = new ArrayList<>(batch.size());
        List<BinaryMask> targets = new ArrayList<>(batch.size());
        for (Sample sample : batch) {
            DeoccException.checkNotNull(sample, "sample");
            PersonInstance person = sample.person();
            PersonCrop crop = crop(sample, person);
            images.add(crop.cropImage(sample.image()));
            inputs.add(crop.cropMask(person.visibleMask()));
            targets.add(crop.cropMask(sample.amodal()));
        }
        float loss;
        // a per-step sub-manager frees the batch, activations and gradients' temporaries when the step ends
        try (NDManager stepManager = trainer.getManager().newSubManager()) {
            NDArray input = ImageTensors.imagesWithMasks(stepManager, images, inputs);
            NDArray target = ImageTensors.masks(stepManager, targets);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList prediction = trainer.forward(new NDList(input));
                NDArray value = trainer.getLoss().evaluate(new NDList(target), prediction);
                if (config.l1Weight() > 0) {
                    NDArray probabilities = Activation.sigmoid(prediction.singletonOrThrow());
                    value = value.add(probabilities.sub(target).abs().mean().mul((float) config.l1Weight()));
                }
                collector.backward(value);
                loss = value.getFloat();
            }
            if (!Float.isFinite(loss)) {
                throw DeoccException.invalidArgument("the training loss became " + loss + " at step " + (step + 1)
                        + " (learning rate " + config.learningRate() + "): lower the learning rate");
            }
            trainer.step();
        }
        step++;
        return loss;
    }

    /**
     * The mean amodal IoU of the network on {@code validation}, in [0, 1]: each prediction pasted back at the
     * image's size, thresholded at {@value #THRESHOLD} and OR-ed with the input mask.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} when the source has no usable sample
     */
    public double validate(SampleSource validation) {
        checkOpen();
        DeoccException.checkNotNull(validation, "validation");
        MaskMetrics metrics = new MaskMetrics();
        List<Sample> chunk = new ArrayList<>(config.batchSize());
        try (Stream<SampleResult> items = validation.stream()) {
            Iterator<SampleResult> iterator = items.iterator();
            while (iterator.hasNext()) {
                SampleResult item = iterator.next();
                if (item instanceof SampleResult.Loaded loaded) {
                    chunk.add(loaded.sample());
                    if (chunk.size() == config.batchSize()) {
                        score(chunk, metrics);
                        chunk.clear();
                    }
                } else if (item instanceof SampleResult.Skipped skipped) {
                    LOG.warn("validation skips {}: {}", skipped.itemId(), skipped.error().getMessage());
                }
            }
        }
        if (!chunk.isEmpty()) {
            score(chunk, metrics);
        }
        MaskMetricsSummary summary = metrics.summary();
        DeoccException.checkArgument(summary.count() > 0, "validation set " + validation.description()
                + " has no usable sample: give a set with at least one readable sample");
        double meanIou = summary.meanIou();
        lastValidation = OptionalDouble.of(meanIou);
        LOG.info("step {}: validation mean amodal IoU {} over {} samples", step, meanIou, summary.count());
        return meanIou;
    }

    /**
     * Writes the network and a card recording the recipe and the current step to
     * {@code dir/<modelName>-<step>.params} and {@code .card.json}; returns the card's path.
     */
    public Path checkpoint(Path dir) {
        checkOpen();
        DeoccException.checkNotNull(dir, "dir");
        Map<String, Object> recipe = new LinkedHashMap<>();
        recipe.put(STEP_KEY, step);
        recipe.put("steps", config.steps());
        recipe.put("batch", config.batchSize());
        recipe.put("lr", config.learningRate());
        recipe.put("l1", config.l1Weight());
        recipe.put("loss", config.l1Weight() > 0 ? "sigmoid-bce+l1" : "sigmoid-bce");
        recipe.put("optimizer", "adam");
        recipe.put("preset", config.dataName());
        recipe.put("seed", config.seed());
        recipe.put("size", config.inputSize());
        recipe.put("context", config.context());
        Map<String, Double> metrics = new LinkedHashMap<>();
        lastValidation.ifPresent(iou -> metrics.put(VALIDATION_METRIC, iou));
        ModelCard card = ModelCard.unsaved(Stage.MASK_COMPLETION, config.backbone(), config.spec(), config.inputSize(),
                CLASSES, Normalisation.UNIT, recipe, metrics, CREATED_BY);
        String name = String.format(Locale.ROOT, "%s-%06d", config.modelName(), step);
        ModelFiles.save(dir, name, model.getBlock(), card);
        return dir.resolve(name + ModelFiles.CARD_SUFFIX);
    }

    /** Idempotent; frees the network and the optimiser state. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            trainer.close();
            model.close();
        }
    }

    private void score(List<Sample> chunk, MaskMetrics metrics) {
        int size = config.inputSize();
        List<RgbImage> images = new ArrayList<>(chunk.size());
        List<BinaryMask> inputs = new ArrayList<>(chunk.size());
        List<PersonCrop> crops = new ArrayList<>(chunk.size());
        for (Sample sample : chunk) {
            PersonInstance person = sample.person();
            PersonCrop crop = crop(sample, person);
            crops.add(crop);
            images.add(crop.cropImage(sample.image()));
            inputs.add(crop.cropMask(person.visibleMask()));
        }
        float[] probabilities;
        try (NDManager call = trainer.getManager().newSubManager()) {
            NDArray input = ImageTensors.imagesWithMasks(call, images, inputs);
            NDArray logits = trainer.evaluate(new NDList(input)).singletonOrThrow();
            probabilities = Activation.sigmoid(logits).toFloatArray();
        }
        int plane = size * size;
        for (int n = 0; n < chunk.size(); n++) {
            Sample sample = chunk.get(n);
            float[] grid = Arrays.copyOfRange(probabilities, n * plane, (n + 1) * plane);
            BinaryMask predicted = crops.get(n).pasteProbabilities(grid, THRESHOLD).or(sample.person().visibleMask());
            metrics.add(MaskScore.of(predicted, sample.amodal(), sample.visible()));
        }
    }

    private PersonCrop crop(Sample sample, PersonInstance person) {
        return PersonCrop.around(person.box(), sample.image().width(), sample.image().height(), config.inputSize(),
                config.context());
    }

    private void checkOpen() {
        if (closed) {
            throw new DeoccException(ErrorCode.COMPONENT_CLOSED, "this mask training is closed: create or resume a new one");
        }
    }

    private static Trainer newTrainer(Model model, MaskTrainingConfig config) {
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate())).build())
                .optDevices(new Device[] {Device.cpu()});
        Trainer trainer = model.newTrainer(trainingConfig);
        try {
            trainer.initialize(new Shape(config.batchSize(), config.spec().inputChannels(), config.inputSize(),
                    config.inputSize()));
            return trainer;
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    private static Backbone checkedBackbone(DjlEngine engine, MaskTrainingConfig config) {
        Backbone backbone = engine.backbones().get(config.backbone());
        int multiple = backbone.sizeMultiple(config.spec());
        if (config.inputSize() % multiple != 0) {
            int next = (config.inputSize() / multiple + 1) * multiple;
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "input size " + config.inputSize() + " does not suit backbone '"
                    + config.backbone() + "' with depth " + config.spec().depth() + ": give a positive multiple of "
                    + multiple + ", e.g. " + next);
        }
        return backbone;
    }

    private static void checkCard(Path cardFile, ModelCard card, MaskTrainingConfig config) {
        String problem = null;
        if (card.stage() != Stage.MASK_COMPLETION) {
            problem = "is for stage " + card.stage() + ", not MASK_COMPLETION";
        } else if (!card.backbone().equals(config.backbone()) || !card.spec().equals(config.spec())) {
            problem = "describes " + card.backbone() + " " + card.spec() + " but the config asks for " + config.backbone()
                    + " " + config.spec();
        } else if (card.inputSize() != config.inputSize()) {
            problem = "was trained at " + card.inputSize() + " px but the config asks for " + config.inputSize() + " px";
        }
        if (problem != null) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "checkpoint '" + cardFile + "' " + problem
                    + ": resume with the config the checkpoint was trained with");
        }
    }

    private static long savedStep(Path cardFile, ModelCard card) {
        Object value = card.trainingRecipe().get(STEP_KEY);
        if (!(value instanceof Long saved) || saved < 0) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "checkpoint '" + cardFile + "' has no non-negative '"
                    + STEP_KEY + "' in its training recipe (found " + value + "): resume from a card written by"
                    + " MaskTraining.checkpoint");
        }
        return saved;
    }

    /** The training source read round and round; fails when a whole pass yields nothing usable. */
    private static final class SampleCycle implements AutoCloseable {
        private final SampleSource source;
        private Stream<SampleResult> stream;
        private Iterator<SampleResult> iterator;

        SampleCycle(SampleSource source) {
            this.source = source;
            open();
        }

        Sample next() {
            boolean restarted = false;
            while (true) {
                while (iterator.hasNext()) {
                    SampleResult item = iterator.next();
                    if (item instanceof SampleResult.Loaded loaded) {
                        return loaded.sample();
                    }
                    SampleResult.Skipped skipped = (SampleResult.Skipped) item;
                    LOG.warn("training skips {}: {}", skipped.itemId(), skipped.error().getMessage());
                }
                DeoccException.checkArgument(!restarted, "training source " + source.description()
                        + " has no usable sample: give a source with at least one readable sample");
                stream.close();
                open();
                restarted = true;
            }
        }

        private void open() {
            stream = source.stream();
            iterator = stream.iterator();
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
