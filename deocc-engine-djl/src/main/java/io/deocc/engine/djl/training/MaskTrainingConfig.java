package io.deocc.engine.djl.training;

import io.deocc.api.DeoccException;
import io.deocc.engine.djl.backbone.BackboneSpec;
import io.deocc.engine.djl.model.ModelCard;
import java.util.regex.Pattern;

/**
 * How to train the mask-completion network: RGB plus the person's input (segmenter or visible) mask
 * in, one amodal logit per pixel out. Validated on construction; each message names the value and
 * the accepted range. The size rule of the backbone (e.g. a multiple of 2^depth for {@code unet}) is
 * checked by the engine's mask training (internal {@code MaskTraining}), which knows the bound backbones.
 *
 * @param backbone the backbone's bound name, e.g. {@code unet}
 * @param spec must have 4 input channels (RGB + mask) and 1 output channel (the amodal logit)
 * @param inputSize side of the square crops the network trains on, in pixels
 * @param batchSize samples per step, 1 to {@link #MAX_BATCH}
 * @param learningRate Adam's fixed learning rate, above 0 and at most 1
 * @param l1Weight weight of the L1 term on the sigmoid probabilities added to the BCE loss; 0 for none
 * @param steps the step count the run stops at (counting steps before a resume)
 * @param seed seeds libtorch before the network is built, so runs repeat
 * @param checkpointEvery steps between checkpoints; 0 writes only the final one
 * @param validateEvery steps between validations; 0 validates only at the end (when a validation set is given)
 * @param context crop side over the longer side of the person's box (as the {@code djl-unet} completer crops)
 * @param dataName what the training data is, recorded in the card's recipe as {@code preset}, e.g. {@code train}
 * @param modelName checkpoint file name prefix; checkpoints are {@code <modelName>-<step>.card.json}
 * @param threads libtorch intra-op threads (fixed when libtorch first loads in the JVM)
 */
public record MaskTrainingConfig(String backbone, BackboneSpec spec, int inputSize, int batchSize, double learningRate,
        double l1Weight, long steps, int seed, long checkpointEvery, long validateEvery, double context, String dataName,
        String modelName, int threads) {
    /** Largest accepted batch. */
    public static final int MAX_BATCH = 1024;
    /** Largest accepted step count. */
    public static final long MAX_STEPS = 1_000_000_000L;
    /** Largest accepted L1 weight. */
    public static final double MAX_L1_WEIGHT = 100;
    /** Largest accepted thread count. */
    public static final int MAX_THREADS = 256;
    /** Crop context when none is given, as the completer's default. */
    public static final double DEFAULT_CONTEXT = 1.6;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Validates every field. */
    public MaskTrainingConfig {
        DeoccException.checkNotNull(backbone, "backbone");
        DeoccException.checkNotNull(spec, "spec");
        DeoccException.checkArgument(spec.inputChannels() == 4 && spec.outputChannels() == 1, "mask training needs a"
                + " spec with 4 input channels (RGB + mask) and 1 output channel (amodal logit), got "
                + spec.inputChannels() + " and " + spec.outputChannels() + ": use new BackboneSpec(4, 1, depth, width)");
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
                        + " use letters, digits, '.', '_' and '-' (at most 100), e.g. 'mask-unet'");
        DeoccException.checkArgument(threads >= 1 && threads <= MAX_THREADS, "thread count " + threads
                + " is out of range: give 1 to " + MAX_THREADS);
    }

    /**
     * A U-Net of depth 4 and width 2 at 128 px, batch 8, Adam at 0.001 without the L1 term, 1000 steps,
     * seed 42, checkpoints and validation every 100 steps, context 1.6, data {@code train}, one thread per processor.
     */
    public static MaskTrainingConfig defaults() {
        return new MaskTrainingConfig("unet", new BackboneSpec(4, 1, 4, 2), 128, 8, 1e-3, 0, 1000, 42, 100, 100,
                DEFAULT_CONTEXT, "train", "mask-unet",
                Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    public MaskTrainingConfig withBackbone(String newBackbone, BackboneSpec newSpec) {
        return new MaskTrainingConfig(newBackbone, newSpec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withInputSize(int newInputSize) {
        return new MaskTrainingConfig(backbone, spec, newInputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withBatchSize(int newBatchSize) {
        return new MaskTrainingConfig(backbone, spec, inputSize, newBatchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withLearningRate(double newLearningRate) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, newLearningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withL1Weight(double newL1Weight) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, learningRate, newL1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withSteps(long newSteps) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, learningRate, l1Weight, newSteps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withSeed(int newSeed) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, newSeed,
                checkpointEvery, validateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withCheckpointEvery(long newCheckpointEvery) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                newCheckpointEvery, validateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withValidateEvery(long newValidateEvery) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, newValidateEvery, context, dataName, modelName, threads);
    }

    public MaskTrainingConfig withDataName(String newDataName) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, newDataName, modelName, threads);
    }

    public MaskTrainingConfig withModelName(String newModelName) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, newModelName, threads);
    }

    public MaskTrainingConfig withThreads(int newThreads) {
        return new MaskTrainingConfig(backbone, spec, inputSize, batchSize, learningRate, l1Weight, steps, seed,
                checkpointEvery, validateEvery, context, dataName, modelName, newThreads);
    }
}
