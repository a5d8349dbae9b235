package io.deocc.engine.djl.training;

import io.deocc.api.DeoccException;
import io.deocc.api.spi.Stage;
import io.deocc.model.BackboneSpec;
import io.deocc.model.ModelCard;
import java.util.regex.Pattern;

/**
 * How to train one stage's network. Validated on construction; each message names the value and the
 * accepted range. What depends on the bound backbones — the channels a stage's networks take and give,
 * the backbone's size rule — is checked by {@link Training#create}.
 *
 * <p>Channels per stage: segmentation 3 in (RGB) and 1 out (person logit); mask completion 4 in (RGB +
 * input mask) and 1 out (amodal logit), or 2 out for {@code stacked-unet}; content recovery 5 in (RGB
 * with the hidden region erased, visible and amodal masks) and 3 out (RGB).
 *
 * @param stage which stage the network serves
 * @param backbone the backbone's bound name, e.g. {@code stacked-unet}
 * @param spec the backbone's channels, depth and width
 * @param inputSize side of the square crops the network trains on, in pixels
 * @param batchSize samples per step, 1 to {@link #MAX_BATCH}
 * @param learningRate Adam's fixed learning rate, above 0 and at most 1
 * @param l1Weight weight of the L1 term on the sigmoid probabilities added to the single-output mask networks'
 *     BCE loss; 0 for none (the stacked network's and the other stages' losses have fixed weights)
 * @param steps the step count the run stops at (counting steps before a resume)
 * @param seed seeds libtorch before the network is built, so runs repeat
 * @param checkpointEvery steps between checkpoints; 0 writes only the final one
 * @param validateEvery steps between validations; 0 validates only at the end (when a validation set is given)
 * @param context crop side over the longer side of the person's box (as the stage's component crops; not used by segmentation)
 * @param dataName what the training data is, recorded in the card's recipe as {@code preset}, e.g. {@code train}
 * @param modelName checkpoint file name prefix; checkpoints are {@code <modelName>-<step>.card.json}
 * @param threads libtorch intra-op threads (fixed when libtorch first loads in the JVM)
 * @param warmUpSteps steps over which the learning rate rises linearly from 0 at the start of this run (a
 *     resumed run too: Adam's moments are not saved, so its first updates are as large as a new run's); 0 for none
 * @param clipGradient every gradient element is clipped to [-clip, clip] before Adam sees it; 0 for no clipping
 */
public record TrainingConfig(Stage stage, String backbone, BackboneSpec spec, int inputSize, int batchSize, double learningRate,
        double l1Weight, long steps, int seed, long checkpointEvery, long validateEvery, double context, String dataName,
        String modelName, int threads, long warmUpSteps, double clipGradient) {
    /** Largest accepted batch. */
    public static final int MAX_BATCH = 1024;
    /** Largest accepted step count. */
    public static final long MAX_STEPS = 1_000_000_000L;
    /** Largest accepted L1 weight. */
    public static final double MAX_L1_WEIGHT = 100;
    /** Largest accepted thread count. */
    public static final int MAX_THREADS = 256;
    /** Largest accepted gradient clip. */
    public static final double MAX_CLIP = 1e6;
    /** Crop context when none is given, as the completer's default. */
    public static final double DEFAULT_CONTEXT = 1.6;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Validates every field. */
    public TrainingConfig {
        DeoccException.checkNotNull(stage, "stage");
        DeoccException.checkNotNull(backbone, "backbone");
        DeoccException.checkNotNull(spec, "spec");
        DeoccException.checkArgument(inputSize >= 8 && inputSize <= ModelCard.MAX_INPUT_SIZE, "input size " + inputSize
                + " is out of range: give 8 to " + ModelCard.MAX_INPUT_SIZE + " pixels");
        DeoccException.checkArgument(batchSize >= 1 && batchSize <= MAX_BATCH, "batch size " + batchSize
                + " is out of range: give 1 to " + MAX_BATCH);
        DeoccException.checkArgument(Double.isFinite(learningRate) && learningRate > 0 && learningRate <= 1,
                "learning rate " + learningRate + " is out of range: give a number above 0 and at most 1, e.g. 0.001");
        DeoccException.checkArgument(Double.isFinite(l1Weight) && l1Weight >= 0 && l1Weight <= MAX_L1_WEIGHT,
                "L1 weight " + l1Weight + " is out of range: give 0 (no L1 term) to " + MAX_L1_WEIGHT);
        DeoccException.checkArgument(steps >= 1 && steps <= MAX_STEPS, "step count " + steps
                + " is out of range: give 1 to " + MAX_STEPS);
        DeoccException.checkArgument(checkpointEvery >= 0 && checkpointEvery <= MAX_STEPS, "checkpoint interval "
                + checkpointEvery + " is out of range: give 0 (final checkpoint only) to " + MAX_STEPS + " steps");
        DeoccException.checkArgument(validateEvery >= 0 && validateEvery <= MAX_STEPS, "validation interval "
                + validateEvery + " is out of range: give 0 (validate at the end only) to " + MAX_STEPS + " steps");
        DeoccException.checkArgument(Double.isFinite(context) && context >= 1 && context <= 16, "crop context " + context
                + " is out of range: give 1 to 16 (times the person box's longer side), e.g. 1.6");
        DeoccException.checkArgument(dataName != null && !dataName.isBlank() && dataName.length() <= 200,
                "data name " + (dataName == null ? "missing" : "'" + dataName + "'")
                        + " is not usable: give a short, non-blank description such as 'train'");
        DeoccException.checkArgument(modelName != null && NAME.matcher(modelName).matches() && !modelName.contains(".."),
                "model name " + (modelName == null ? "missing" : "'" + modelName + "'") + " is not a plain file name:"
                        + " use letters, digits, '.', '_' and '-' (at most 100), e.g. 'mask'");
        DeoccException.checkArgument(threads >= 1 && threads <= MAX_THREADS, "thread count " + threads
                + " is out of range: give 1 to " + MAX_THREADS);
        // DJL counts warm-up steps in an int
        DeoccException.checkArgument(warmUpSteps >= 0 && warmUpSteps <= Integer.MAX_VALUE, "warm-up " + warmUpSteps
                + " is out of range: give 0 (none) to " + Integer.MAX_VALUE + " steps");
        DeoccException.checkArgument(Double.isFinite(clipGradient) && clipGradient >= 0 && clipGradient <= MAX_CLIP, "gradient clip "
                + clipGradient + " is out of range: give 0 (no clipping) or a positive bound up to " + MAX_CLIP + ", e.g. 1");
    }

    /**
     * The recipe deocc's shipped model of a stage starts from: the stacked network (depth 4, width 1) for
     * masks, PConv+PGA (width 1, i.e. 16 base channels) for content and a U-Net (depth 4, width 1) for
     * segmentation; 128 px, batch 8, Adam at 0.001, 1000 steps, seed 42, checkpoints and validation every
     * 100 steps, context 1.6, data {@code train}, one thread per processor.
     */
    public static TrainingConfig defaults(Stage stage) {
        DeoccException.checkNotNull(stage, "stage");
        int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        return switch (stage) {
            case MASK_COMPLETION -> new TrainingConfig(stage, "stacked-unet", new BackboneSpec(4, 2, 4, 1), 128, 8, 1e-3,
                    0, 1000, 42, 100, 100, DEFAULT_CONTEXT, "train", "mask", threads, 0, 0);
            case CONTENT_RECOVERY -> new TrainingConfig(stage, "pconv-pga", new BackboneSpec(5, 3, 1, 1), 128, 8, 1e-3,
                    0, 1000, 42, 100, 100, DEFAULT_CONTEXT, "train", "content", threads, 0, 0);
            case SEGMENTATION -> new TrainingConfig(stage, "unet", new BackboneSpec(3, 1, 4, 1), 128, 8, 1e-3,
                    0, 1000, 42, 100, 100, DEFAULT_CONTEXT, "train", "segmenter", threads, 0, 0);
        };
    }

    public TrainingConfig withBackbone(String newBackbone, BackboneSpec newSpec) {
        return new TrainingConfig(stage, newBackbone, newSpec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withInputSize(int newInputSize) {
        return new TrainingConfig(stage, backbone, spec, newInputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(stage, backbone, spec, inputSize, newBatchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withLearningRate(double newLearningRate) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, newLearningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withL1Weight(double newL1Weight) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, newL1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withSteps(long newSteps) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, newSteps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withSeed(int newSeed) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, newSeed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withCheckpointEvery(long newCheckpointEvery) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                newCheckpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withValidateEvery(long newValidateEvery) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, newValidateEvery, context, dataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withDataName(String newDataName) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, newDataName, modelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withModelName(String newModelName) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, newModelName, threads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withThreads(int newThreads) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, newThreads, warmUpSteps, clipGradient);
    }

    public TrainingConfig withWarmUpSteps(long newWarmUpSteps) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, newWarmUpSteps, clipGradient);
    }

    public TrainingConfig withClipGradient(double newClipGradient) {
        return new TrainingConfig(stage, backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads, warmUpSteps, newClipGradient);
    }
}
