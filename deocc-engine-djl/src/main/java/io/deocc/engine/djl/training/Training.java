package io.deocc.engine.djl.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.data.Sample;
import io.deocc.data.SampleResult;
import io.deocc.data.SampleSource;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.engine.djl.internal.DjlEngine;
import io.deocc.engine.djl.internal.EngineSettings;
import io.deocc.engine.djl.internal.NetworkTask;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.api.network.Normalisation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Trains one stage's network from Java: any bound backbone that suits the stage, over any
 * {@link SampleSource} (the synthetic {@code train} preset, a dataset folder), with the stage's loss
 * under Adam at a fixed learning rate. libtorch is seeded before the network is built, so a run repeats.
 *
 * <ul>
 *   <li>Mask completion: crops around the person's input mask (as the completer crops); single-output
 *       networks learn the amodal mask with sigmoid BCE (+ optional L1); {@code stacked-unet} learns
 *       the paper's four outputs (cross-entropy on refined visible and amodal masks, 0.2× on both
 *       parsings, L1 on the foreground probabilities).</li>
 *   <li>Content recovery: crops around the amodal mask; L1 on the reconstruction, 5× L1 on the hidden
 *       region, and total-variation and gradient terms standing in for the paper's VGG terms.</li>
 *   <li>Segmentation: the whole image letterboxed; weighted BCE on the person's visible mask.</li>
 * </ul>
 * A VAE backbone adds its KL term to any of them.
 *
 * <p>Checkpoints are {@link ModelFiles} pairs whose card records the recipe, including the step
 * reached ({@value #STEP_KEY}). {@link #resume} rebuilds the network from such a card and continues
 * the step count; Adam's moment estimates are not saved, so a resumed run starts them afresh. A resumed
 * run reads its training source from the start: pass a source that continues where the earlier one
 * stopped (e.g. a synthetic set with another seed) if the same samples must not be seen twice.
 *
 * <p>Validation scores the network exactly as the stage's component runs it (same crop, threshold and
 * paste-back code); the metric per stage is {@link #metricName()}: mean amodal IoU, mean L1 in the
 * hidden region (lower is better), or mean person IoU.
 *
 * <p>Not thread-safe: one thread drives a training. Close it to free the network and the optimiser.
 */
public final class Training implements AutoCloseable {
    /** Recipe key holding the step a checkpoint was written at. */
    public static final String STEP_KEY = "step";

    private static final String CREATED_BY = "deocc-engine-djl Training";
    private static final Logger LOG = LoggerFactory.getLogger(Training.class);

    private final TrainingConfig config;
    private final NetworkTask task;
    private final Model model;
    private final Trainer trainer;
    private long step;
    private OptionalDouble lastValidation = OptionalDouble.empty();
    private boolean closed;

    private Training(TrainingConfig config, NetworkTask task, Model model, Trainer trainer, long step) {
        this.config = config;
        this.task = task;
        this.model = model;
        this.trainer = trainer;
        this.step = step;
    }

    /**
     * A fresh network for {@code config}, its parameters initialised after seeding libtorch with the config's seed.
     *
     * @throws DeoccException {@code UNKNOWN_COMPONENT} for an unbound backbone; {@code INVALID_ARGUMENT} for a
     *         backbone or spec that cannot serve the stage; {@code SIZE_MISMATCH} when the input size breaks the
     *         backbone's size rule; {@code NATIVE_LIBRARY} when libtorch cannot load
     */
    public static Training create(TrainingConfig config) {
        DeoccException.checkNotNull(config, "config");
        NetworkTask task = task(config);
        DjlEngine engine = DjlEngine.load(new EngineSettings(config.threads()));
        Backbone backbone = checkedBackbone(engine, config);
        engine.seed(config.seed());
        Model model = Model.newInstance(config.modelName(), Device.cpu(), DjlEngine.ENGINE_NAME);
        try {
            model.setBlock(backbone.build(config.spec()));
            return new Training(config, task, model, newTrainer(model, backbone, task, config), 0);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Continues a run from a checkpoint: the card's weights, and the step count stored in its recipe.
     * The card must match the config's stage, backbone, spec and input size; the config's step count is
     * where the resumed run stops.
     *
     * @throws DeoccException {@code MODEL_INVALID} for a card of another stage, network or size, or without a
     *         step; {@code FILE_NOT_FOUND} for a missing card or weights file
     */
    public static Training resume(Path cardFile, TrainingConfig config) {
        DeoccException.checkNotNull(cardFile, "cardFile");
        DeoccException.checkNotNull(config, "config");
        NetworkTask task = task(config);
        DjlEngine engine = DjlEngine.load(new EngineSettings(config.threads()));
        Backbone backbone = checkedBackbone(engine, config);
        ModelCard card = ModelCard.read(cardFile);
        checkCard(cardFile, card, config);
        long savedStep = savedStep(cardFile, card);
        engine.seed(config.seed());
        Model model = Model.newInstance(config.modelName(), Device.cpu(), DjlEngine.ENGINE_NAME);
        try {
            LoadedModel loaded = ModelFiles.load(cardFile, config.backbone(), engine.backbones(), model.getNDManager());
            model.setBlock(loaded.block());
            Training training = new Training(config, task, model, newTrainer(model, backbone, task, config), savedStep);
            LOG.info("resumed {} training from {} at step {}", config.stage(), cardFile, savedStep);
            return training;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The config this training runs with. */
    public TrainingConfig config() {
        return config;
    }

    /** Steps done so far, counting those before a resume. */
    public long step() {
        return step;
    }

    /** The validation metric's name as checkpoint cards record it, e.g. {@code validation-amodal-miou}. */
    public String metricName() {
        return task.metricName();
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
    public TrainingResult run(SampleSource train, Optional<SampleSource> validation, Path checkpointDir,
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
        return new TrainingResult(step, lastLoss, lastCheckpoint, lastValidation);
    }

    /**
     * One optimiser step on {@code batch}; returns its loss.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for an empty batch, a sample without the ground truth the
     *         stage learns from, or a non-finite loss
     */
    public double trainStep(List<Sample> batch) {
        checkOpen();
        DeoccException.checkNotNull(batch, "batch");
        DeoccException.checkArgument(!batch.isEmpty(), "the batch is empty: give at least one sample");
        float loss;
        // a per-step sub-manager frees the batch, activations and gradients' temporaries when the step ends
        try (NDManager stepManager = trainer.getManager().newSubManager()) {
            NDList[] data = task.batch(stepManager, batch);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList prediction = trainer.forward(data[0]);
                NDArray value = trainer.getLoss().evaluate(data[1], prediction);
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
     * The network's validation metric ({@link #metricName()}) on {@code validation}, each sample run as the
     * stage's component runs it.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} when the source has no usable sample
     */
    public double validate(SampleSource validation) {
        checkOpen();
        DeoccException.checkNotNull(validation, "validation");
        NetworkTask.Scorer scorer = task.newScorer();
        Block block = model.getBlock();
        try (Stream<SampleResult> items = validation.stream()) {
            Iterator<SampleResult> iterator = items.iterator();
            while (iterator.hasNext()) {
                SampleResult item = iterator.next();
                if (item instanceof SampleResult.Loaded loaded) {
                    scorer.add(block, trainer.getManager(), loaded.sample());
                } else if (item instanceof SampleResult.Skipped skipped) {
                    LOG.warn("validation skips {}: {}", skipped.itemId(), skipped.error().getMessage());
                }
            }
        }
        double value = scorer.result().orElseThrow(() -> DeoccException.invalidArgument("validation set "
                + validation.description() + " has no usable sample: give a set with at least one readable sample"));
        lastValidation = OptionalDouble.of(value);
        LOG.info("step {}: {} = {}", step, task.metricName(), value);
        return value;
    }

    /**
     * Writes the network and a card recording the recipe and the current step to
     * {@code dir/<modelName>-<step>.params} and {@code .card.json}; returns the card's path.
     */
    public Path checkpoint(Path dir) {
        return save(dir, String.format(Locale.ROOT, "%s-%06d", config.modelName(), step));
    }

    /**
     * Writes the network and its card (recipe, current step, last validation metric) as
     * {@code dir/<name>.params} and {@code dir/<name>.card.json}, atomically; returns the card's path.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a name that is not a plain file name; {@code IO_ERROR}
     *         when the files cannot be written
     */
    public Path save(Path dir, String name) {
        checkOpen();
        DeoccException.checkNotNull(dir, "dir");
        DeoccException.checkNotNull(name, "name");
        Map<String, Object> recipe = new LinkedHashMap<>();
        recipe.put(STEP_KEY, step);
        recipe.put("stage", config.stage().name());
        recipe.put("steps", config.steps());
        recipe.put("batch", config.batchSize());
        recipe.put("lr", config.learningRate());
        recipe.put("l1", config.l1Weight());
        recipe.put("loss", task.lossName());
        recipe.put("optimizer", "adam");
        recipe.put("preset", config.dataName());
        recipe.put("seed", config.seed());
        recipe.put("size", config.inputSize());
        recipe.put("context", config.context());
        // only when used, so that recipes without them keep their cards as they were
        if (config.warmUpSteps() > 0) {
            recipe.put("warm-up", config.warmUpSteps());
        }
        if (config.clipGradient() > 0) {
            recipe.put("clip", config.clipGradient());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        lastValidation.ifPresent(value -> metrics.put(task.metricName(), value));
        ModelCard card = ModelCard.unsaved(config.stage(), config.backbone(), config.spec(), config.inputSize(),
                task.classes(), Normalisation.UNIT, recipe, metrics, CREATED_BY);
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

    private void checkOpen() {
        if (closed) {
            throw new DeoccException(ErrorCode.COMPONENT_CLOSED, "this training is closed: create or resume a new one");
        }
    }

    private static NetworkTask task(TrainingConfig config) {
        return NetworkTask.of(config.stage(), config.backbone(), config.spec(), config.inputSize(), config.context(),
                config.l1Weight());
    }

    /** Adam at the fixed rate, reached linearly over the warm-up steps, on clipped gradients when asked. */
    private static Optimizer optimizer(TrainingConfig config) {
        Tracker rate = Tracker.fixed((float) config.learningRate());
        if (config.warmUpSteps() > 0) {
            rate = WarmUpTracker.builder().setMainTracker(rate).optWarmUpSteps((int) config.warmUpSteps())
                    .optWarmUpBeginValue(0f).optWarmUpMode(WarmUpTracker.Mode.LINEAR).build();
        }
        var adam = Optimizer.adam().optLearningRateTracker(rate);
        if (config.clipGradient() > 0) {
            adam.optClipGrad((float) config.clipGradient());
        }
        return adam.build();
    }

    private static Trainer newTrainer(Model model, Backbone backbone, NetworkTask task, TrainingConfig config) {
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(task.loss())
                .optOptimizer(optimizer(config))
                .optDevices(new Device[] {Device.cpu()});
        Trainer trainer = model.newTrainer(trainingConfig);
        try {
            trainer.initialize(backbone.inputShapes(config.spec(), config.batchSize(), config.inputSize(), config.inputSize()));
            return trainer;
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    private static Backbone checkedBackbone(DjlEngine engine, TrainingConfig config) {
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

    private static void checkCard(Path cardFile, ModelCard card, TrainingConfig config) {
        String problem = null;
        if (card.stage() != config.stage()) {
            problem = "is for stage " + card.stage() + ", not " + config.stage();
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
                    + " Training.checkpoint");
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
