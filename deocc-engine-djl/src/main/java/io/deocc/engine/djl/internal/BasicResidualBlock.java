package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ResNet's basic block (post-activation, as in ResNet-18):
 * {@code relu(shortcut(x) + bn(conv3×3(relu(bn(conv3×3/stride(x))))))}. The shortcut is the identity
 * when stride and channels are unchanged, otherwise a strided 1×1 convolution with batch norm.
 */
final class BasicResidualBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outputChannels;
    private final int stride;
    private final Block residual;
    // null when input and output have the same shape
    private final Block shortcut;

    BasicResidualBlock(int inputChannels, int outputChannels, int stride) {
        super(VERSION);
        this.outputChannels = outputChannels;
        this.stride = stride;
        residual = addChildBlock("residual", new SequentialBlock()
                .add(conv(outputChannels, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(outputChannels, 3, 1))
                .add(BatchNorm.builder().build()));
        shortcut = inputChannels == outputChannels && stride == 1 ? null
                : addChildBlock("shortcut", new SequentialBlock()
                        .add(conv(outputChannels, 1, stride))
                        .add(BatchNorm.builder().build()));
    }

    /** A square convolution without bias (batch norm follows), padded to keep "same" geometry. */
    static Block conv(int channels, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(channels)
                .optBias(false)
                .build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray r = residual.forward(store, new NDList(x), training, params).singletonOrThrow();
        NDArray skip = shortcut == null ? x : shortcut.forward(store, new NDList(x), training, params).singletonOrThrow();
        return new NDList(Activation.relu(skip.add(r)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        // padding k/2 with stride s gives ceil(size / s)
        return new Shape[] {new Shape(in.get(0), outputChannels,
                (in.get(2) + stride - 1) / stride, (in.get(3) + stride - 1) / stride)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        residual.initialize(manager, dataType, inputShapes[0]);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
