package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.engine.djl.model.Normalisation;
import io.deocc.mask.crop.PersonCrop;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The {@code djl-unet} mask completer. A call crops a square window around the person's visible box,
 * resizes it to the card's input size, runs the U-Net on RGB (in [0, 1], normalised as the card says)
 * plus the visible mask, turns the logits into probabilities with a sigmoid, pastes them back to the
 * image's size bilinearly and only then thresholds them, and ORs in the visible mask so the amodal
 * mask never loses a visible pixel. The refined visible mask is the input mask: this network does not
 * refine it.
 *
 * <p>Thread-safe: the block and its parameters are only read (inference, gradients off); every call
 * makes its own sub-manager, parameter store and arrays and frees them before returning. A read-write
 * lock lets calls run together while {@link #close()} waits for running calls before freeing the weights.
 */
final class DjlUNetCompleter implements MaskCompleter {
    private final ComponentDescriptor descriptor;
    private final ResourceLimits limits;
    private final Block block;
    private final NDManager modelManager;
    private final int inputSize;
    private final Normalisation normalisation;
    private final double context;
    private final double threshold;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // guarded by lock
    private boolean closed;

    DjlUNetCompleter(ComponentDescriptor descriptor, ResourceLimits limits, LoadedModel model, NDManager modelManager,
            double context, double threshold) {
        this.descriptor = descriptor;
        this.limits = limits;
        this.block = model.block();
        this.modelManager = modelManager;
        this.inputSize = model.card().inputSize();
        this.normalisation = model.card().normalisation();
        this.context = context;
        this.threshold = threshold;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public MaskCompletion complete(RgbImage image, PersonInstance person) {
        lock.readLock().lock();
        try {
            ComponentInputs.checkOpen(closed, descriptor);
            ComponentInputs.checkPerson(image, person, limits);
            BinaryMask visible = person.visibleMask();
            PersonCrop crop = PersonCrop.around(person.box(), image.width(), image.height(), inputSize, context);
            float[] probabilities = amodalProbabilities(crop.cropImage(image), crop.cropMask(visible));
            BinaryMask amodal = crop.pasteProbabilities(probabilities, threshold).or(visible);
            return new MaskCompletion(visible, amodal);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The network's amodal probabilities on the crop, {@code inputSize²} values row-major. */
    private float[] amodalProbabilities(RgbImage cropImage, BinaryMask cropMask) {
        try (NDManager call = modelManager.newSubManager()) {
            NDArray input = normalise(ImageTensors.imagesWithMasks(call, List.of(cropImage), List.of(cropMask)));
            NDArray logits = block.forward(new ParameterStore(call, false), new NDList(input), false).singletonOrThrow();
            Shape expected = new Shape(1, 1, inputSize, inputSize);
            if (!logits.getShape().equals(expected)) {
                throw new DeoccException(ErrorCode.INTERNAL, "the U-Net returned logits of shape " + logits.getShape()
                        + " instead of " + expected + ": the model card does not describe this network; re-export it");
            }
            return Activation.sigmoid(logits).toFloatArray();
        }
    }

    /** Applies the card's per-channel mean and standard deviation; unit normalisation keeps [0, 1]. */
    private NDArray normalise(NDArray input) {
        if (normalisation.isUnit()) {
            return input;
        }
        int channels = normalisation.channels();
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = normalisation.mean().get(c).floatValue();
            std[c] = normalisation.std().get(c).floatValue();
        }
        NDManager manager = input.getManager();
        Shape perChannel = new Shape(1, channels, 1, 1);
        return input.sub(manager.create(mean, perChannel)).div(manager.create(std, perChannel));
    }

    /** Arrays alive in the model's manager (its parameters, plus any a call failed to free); for leak checks. */
    int liveArrays() {
        lock.readLock().lock();
        try {
            ComponentInputs.checkOpen(closed, descriptor);
            return modelManager.getManagedArrays().size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Idempotent; waits for running calls, then frees the weights. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                modelManager.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
