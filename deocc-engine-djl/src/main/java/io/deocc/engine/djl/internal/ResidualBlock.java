package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A pre-activation residual block followed by a ReLU: {@code relu(shortcut(x) + conv(relu(conv(relu(x)))))}
 * with 3×3 convolutions. The shortcut is the identity when the channel counts agree and a 3×3
 * convolution otherwise, as in the paper's parsing branches.
 */
final class ResidualBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outputChannels;
    private final Block first;
    private final Block second;
    // null when the input already has outputChannels channels
    private final Block shortcut;

    ResidualBlock(int inputChannels, int outputChannels) {
        super(VERSION);
        this.outputChannels = outputChannels;
        first = addChildBlock("conv1", StackedMaskNetwork.conv3x3(outputChannels));
        second = addChildBlock("conv2", StackedMaskNetwork.conv3x3(outputChannels));
        shortcut = inputChannels == outputChannels ? null
                : addChildBlock("shortcut", StackedMaskNetwork.conv3x3(outputChannels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray r = first.forward(store, new NDList(Activation.relu(x)), training, params).singletonOrThrow();
        r = second.forward(store, new NDList(Activation.relu(r)), training, params).singletonOrThrow();
        NDArray skip = shortcut == null ? x : shortcut.forward(store, new NDList(x), training, params).singletonOrThrow();
        return new NDList(Activation.relu(skip.add(r)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outputChannels, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape out = getOutputShapes(inputShapes)[0];
        first.initialize(manager, dataType, in);
        second.initialize(manager, dataType, out);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, in);
        }
    }
}
