package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.model.BackboneSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A convolutional (variational) autoencoder. Encoder: {@code depth} conv3×3/2-BN-ReLU steps with the
 * U-Net's level widths (16w·2^level, capped at 128w); the last map is flattened into a dense latent
 * of {@code latentSize} units. Decoder: a dense layer back to the last map's shape, then per level a
 * bilinear ×2 up-sampling and conv3×3-BN-ReLU, and a 1×1 convolution with bias to the output channels.
 *
 * <p>Plain (AE): the forward pass returns {@code [output]}. Variational (VAE): two dense heads give the
 * latent mean and log-variance; in training mode the decoder sees {@code mean + exp(logVar/2)·ε},
 * ε ~ N(0, 1) (the reparameterisation trick), at inference the mean. The forward pass then returns
 * {@code [output, mean, logVar]} (indices {@link #OUTPUT}, {@link #MEAN}, {@link #LOG_VARIANCE}); a
 * loss adds {@link #klDivergence(NDList)}.
 *
 * <p>Size rule: H and W must be multiples of 2^depth, and because the latent is dense the block works
 * only at the size it was initialised with; other sizes fail with {@code SIZE_MISMATCH}.
 */
final class AutoencoderBlock extends AbstractBlock {
    /** Index of the output logits in the forward result. */
    static final int OUTPUT = 0;
    /** Index of the latent mean (N×latent) in a VAE's forward result. */
    static final int MEAN = 1;
    /** Index of the latent log-variance (N×latent) in a VAE's forward result. */
    static final int LOG_VARIANCE = 2;

    private static final byte VERSION = 1;

    private final BackboneSpec spec;
    private final boolean variational;
    private final int latentSize;
    private final Block encoder;
    private final Block toMean;
    // null for the plain autoencoder
    private final Block toLogVariance;
    // the decoder's dense layer; its output size (the flattened deepest map) is known only from the input size
    private final Parameter fromLatentWeight;
    private final Parameter fromLatentBias;
    private final List<Block> upSteps = new ArrayList<>();
    private final Block head;
    // the input size the dense layers were built for; 0 until initialised
    private long height;
    private long width;
    private long bottomChannels;

    AutoencoderBlock(BackboneSpec spec, boolean variational, int latentSize) {
        super(VERSION);
        this.spec = spec;
        this.variational = variational;
        this.latentSize = latentSize;
        SequentialBlock down = new SequentialBlock();
        for (int level = 1; level <= spec.depth(); level++) {
            down.add(BasicResidualBlock.conv(UNetBlock.channels(spec, level), 3, 2))
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
        }
        encoder = addChildBlock("encoder", down);
        toMean = addChildBlock("toMean", Linear.builder().setUnits(latentSize).build());
        toLogVariance = variational ? addChildBlock("toLogVariance", Linear.builder().setUnits(latentSize).build()) : null;
        fromLatentWeight = addParameter(Parameter.builder()
                .setName("fromLatentWeight").setType(Parameter.Type.WEIGHT).build());
        fromLatentBias = addParameter(Parameter.builder()
                .setName("fromLatentBias").setType(Parameter.Type.BIAS).build());
        for (int level = spec.depth() - 1; level >= 0; level--) {
            upSteps.add(addChildBlock("up" + level, new SequentialBlock()
                    .add(BasicResidualBlock.conv(UNetBlock.channels(spec, level), 3, 1))
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())));
        }
        head = addChildBlock("head", Conv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(spec.outputChannels())
                .build());
    }

    /**
     * The KL divergence of N(mean, exp(logVar)) from N(0, 1), summed over latent units and averaged
     * over the batch: {@code −½·Σ(1 + logVar − mean² − exp(logVar))}. A scalar, never negative.
     */
    static NDArray klDivergence(NDArray mean, NDArray logVariance) {
        DeoccException.checkNotNull(mean, "mean");
        DeoccException.checkNotNull(logVariance, "logVariance");
        if (!mean.getShape().equals(logVariance.getShape()) || mean.getShape().dimension() != 2) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "latent mean " + mean.getShape() + " and log-variance "
                    + logVariance.getShape() + " must both be N x latent: pass a VAE's MEAN and LOG_VARIANCE outputs");
        }
        return logVariance.add(1f).sub(mean.square()).sub(logVariance.exp()).sum(new int[] {1}).mul(Scalars.of(mean, -0.5f)).mean();
    }

    /** {@link #klDivergence(NDArray, NDArray)} of a VAE's forward result {@code [output, mean, logVar]}. */
    static NDArray klDivergence(NDList vaeOutputs) {
        DeoccException.checkNotNull(vaeOutputs, "vaeOutputs");
        if (vaeOutputs.size() != 3) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "a VAE returns [output, mean, logVar] but "
                    + vaeOutputs.size() + " arrays were given: pass the forward result of a 'vae' backbone");
        }
        return klDivergence(vaeOutputs.get(MEAN), vaeOutputs.get(LOG_VARIANCE));
    }

    boolean variational() {
        return variational;
    }

    int latentSize() {
        return latentSize;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        checkInputShape(input.getShape());
        long n = input.getShape().get(0);
        NDArray encoded = encoder.forward(store, new NDList(input), training, params).singletonOrThrow();
        Shape bottom = encoded.getShape();
        NDArray flat = encoded.reshape(n, -1);
        NDArray mean = toMean.forward(store, new NDList(flat), training, params).singletonOrThrow();
        NDArray logVariance = null;
        NDArray latent = mean;
        if (variational) {
            logVariance = toLogVariance.forward(store, new NDList(flat), training, params).singletonOrThrow();
            if (training) {
                NDArray noise = mean.getManager().randomNormal(mean.getShape());
                latent = mean.add(logVariance.mul(Scalars.of(logVariance, 0.5f)).exp().mul(noise));
            }
        }
        NDArray weight = store.getValue(fromLatentWeight, latent.getDevice(), training);
        NDArray bias = store.getValue(fromLatentBias, latent.getDevice(), training);
        NDArray x = Linear.linear(latent, weight, bias).singletonOrThrow();
        x = Activation.relu(x.reshape(bottom));
        for (int step = 0; step < upSteps.size(); step++) {
            int level = spec.depth() - 1 - step;
            x = UNetBlock.upsampleBilinear(x, height >> level, width >> level);
            x = upSteps.get(step).forward(store, new NDList(x), training, params).singletonOrThrow();
        }
        NDArray output = head.forward(store, new NDList(x), training, params).singletonOrThrow();
        return variational ? new NDList(output, mean, logVariance) : new NDList(output);
    }

    private void checkInputShape(Shape shape) {
        if (shape.dimension() != 4 || shape.get(1) != spec.inputChannels()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "autoencoder input has shape " + shape
                    + ": give a 4-D tensor N x " + spec.inputChannels() + " x H x W");
        }
        long multiple = spec.sizeMultiple();
        long h = shape.get(2);
        long w = shape.get(3);
        if (h < multiple || w < multiple || h % multiple != 0 || w % multiple != 0) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "autoencoder input is " + w + "x" + h + " but depth "
                    + spec.depth() + " needs H and W to be positive multiples of 2^" + spec.depth() + " = " + multiple
                    + ": resize or pad the input to such a size");
        }
        if (height != 0 && (h != height || w != width)) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "autoencoder input is " + w + "x" + h
                    + " but its dense latent was built for " + width + "x" + height
                    + ": resize the input to " + width + "x" + height + " or build a new block for this size");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        checkInputShape(in);
        Shape output = new Shape(in.get(0), spec.outputChannels(), in.get(2), in.get(3));
        if (!variational) {
            return new Shape[] {output};
        }
        Shape latent = new Shape(in.get(0), latentSize);
        return new Shape[] {output, latent, latent};
    }

    /** Sizes the decoder's dense layer for the input: latent → the deepest map, flattened. */
    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        // a re-initialisation may pick a new size
        height = 0;
        width = 0;
        checkInputShape(in);
        bottomChannels = UNetBlock.channels(spec, spec.depth());
        long units = bottomChannels * (in.get(2) >> spec.depth()) * (in.get(3) >> spec.depth());
        fromLatentWeight.setShape(new Shape(units, latentSize));
        fromLatentBias.setShape(new Shape(units));
        height = in.get(2);
        width = in.get(3);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        encoder.initialize(manager, dataType, in);
        Shape bottom = encoder.getOutputShapes(new Shape[] {in})[0];
        Shape flat = new Shape(n, bottom.size() / n);
        toMean.initialize(manager, dataType, flat);
        if (toLogVariance != null) {
            toLogVariance.initialize(manager, dataType, flat);
        }
        long channels = bottomChannels;
        for (int step = 0; step < upSteps.size(); step++) {
            int level = spec.depth() - 1 - step;
            upSteps.get(step).initialize(manager, dataType,
                    new Shape(n, channels, in.get(2) >> level, in.get(3) >> level));
            channels = UNetBlock.channels(spec, level);
        }
        head.initialize(manager, dataType, new Shape(n, channels, in.get(2), in.get(3)));
    }
}
