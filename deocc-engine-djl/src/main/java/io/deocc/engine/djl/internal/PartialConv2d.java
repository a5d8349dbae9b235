package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

/**
 * A partial convolution (Liu et al. 2018): the convolution sees only valid pixels and is rescaled by
 * how many of them fell in its window.
 *
 * <p>Inputs: features {@code x} [N, C, H, W] and a validity mask [N, 1, H, W] or [N, C, H, W] of 0 and
 * 1. Per output position, with {@code count} = number of valid mask entries in the window (an
 * all-ones convolution over the mask) and {@code size} = mask channels × k × k:
 * <pre>
 *   out  = conv(x · mask) · size / count + bias   where count &gt; 0
 *   out  = 0                                      where count = 0
 *   mask' = 1 where count &gt; 0, else 0           (always one channel)
 * </pre>
 * Outputs: {@code out} [N, filters, H', W'] and {@code mask'} [N, 1, H', W'] with padding k/2, so
 * H' = ⌊(H − 1)/stride⌋ + 1. The mask path carries no gradient: it is detached before use, because
 * validity is data, not something to learn.
 */
final class PartialConv2d extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final int stride;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param filters output channels
     * @param kernel odd square kernel size (padding is kernel / 2, so stride 1 keeps the size)
     * @param stride 1 or more
     * @param withBias whether a learned bias is added after the renormalisation; leave it out when a
     *     batch norm follows, whose shift makes it redundant
     */
    PartialConv2d(int filters, int kernel, int stride, boolean withBias) {
        super(VERSION);
        DeoccException.checkArgument(filters > 0, "partial conv filters " + filters + " must be positive: give at least 1");
        DeoccException.checkArgument(kernel > 0 && kernel % 2 == 1,
                "partial conv kernel " + kernel + " must be odd and positive so that padding kernel/2 centres it: give 1, 3, 5 or 7");
        DeoccException.checkArgument(stride > 0, "partial conv stride " + stride + " must be positive: give 1 or 2");
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = withBias
                ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                        .optShape(new Shape(filters)).build())
                : null;
    }

    int filters() {
        return filters;
    }

    /** The stride; the ONNX export needs it (the kernel is in the weight's shape, the stride is not). */
    int stride() {
        return stride;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        checkInputs(BlockShapes.of(inputs));
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1).stopGradient();
        long maskChannels = mask.getShape().get(1);
        Shape strides = new Shape(stride, stride);
        Shape padding = new Shape(kernel / 2, kernel / 2);

        NDArray onesKernel = mask.getManager().ones(new Shape(1, maskChannels, kernel, kernel));
        NDArray count = Conv2d.conv2d(mask, onesKernel, null, strides, padding).singletonOrThrow();
        NDArray updated = count.gt(0.5f).toType(DataType.FLOAT32, false);
        // max(count, 1) only avoids 0/0; those positions are zeroed by `updated` anyway
        NDArray ratio = count.maximum(Scalars.of(count, 1f)).pow(Scalars.of(count, -1f))
                .mul(Scalars.of(count, maskChannels * kernel * kernel)).mul(updated);

        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray out = Conv2d.conv2d(x.mul(mask), w, null, strides, padding).singletonOrThrow().mul(ratio);
        if (bias != null) {
            NDArray b = store.getValue(bias, x.getDevice(), training);
            // the reshaped view would belong to the parameter's manager and outlive the pass; keep it in the pass's
            NDArray perChannel = b.reshape(1, filters, 1, 1);
            perChannel.attach(out.getManager());
            out = out.add(perChannel).mul(updated);
        }
        return new NDList(out, updated);
    }

    private void checkInputs(Shape[] shapes) {
        if (shapes.length != 2) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "partial conv got " + shapes.length
                    + " inputs: give exactly two, the features [N,C,H,W] and the validity mask [N,1,H,W]");
        }
        Shape x = shapes[0];
        Shape mask = shapes[1];
        if (x.dimension() != 4 || mask.dimension() != 4) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "partial conv inputs have shapes " + x + " and " + mask
                    + ": give 4-D tensors [N,C,H,W] and [N,1,H,W]");
        }
        boolean channelsFit = mask.get(1) == 1 || mask.get(1) == x.get(1);
        if (!channelsFit || mask.get(0) != x.get(0) || mask.get(2) != x.get(2) || mask.get(3) != x.get(3)) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "partial conv mask " + mask + " does not fit features " + x
                    + ": give a mask with the features' batch, height and width and 1 or " + x.get(1) + " channels");
        }
    }

    private long outputSize(long size) {
        return (size - 1) / stride + 1;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInputs(inputShapes);
        Shape x = inputShapes[0];
        long height = outputSize(x.get(2));
        long width = outputSize(x.get(3));
        return new Shape[] {new Shape(x.get(0), filters, height, width), new Shape(x.get(0), 1, height, width)};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        checkInputs(inputShapes);
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
    }
}
