package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A squeeze-excitation gate: each channel is scaled by a weight in (0, 1) computed from the global
 * average of all channels through two bias-free fully connected layers (C → C/r → C) with a ReLU
 * between and a sigmoid after.
 */
final class SqueezeExcitationBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int channels;
    private final int hiddenUnits;
    private final Block squeeze;
    private final Block excite;

    SqueezeExcitationBlock(int channels, int reduction) {
        super(VERSION);
        this.channels = channels;
        this.hiddenUnits = Math.max(1, channels / reduction);
        squeeze = addChildBlock("squeeze", Linear.builder().setUnits(hiddenUnits).optBias(false).build());
        excite = addChildBlock("excite", Linear.builder().setUnits(channels).optBias(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // libtorch's mean in DJL takes one axis only; a sum over both divided by the plane size is the same
        Shape shape = x.getShape();
        NDArray pooled = x.sum(new int[] {2, 3}).div(Scalars.of(x, (float) (shape.get(2) * shape.get(3))));
        NDArray hidden = Activation.relu(squeeze.forward(store, new NDList(pooled), training, params).singletonOrThrow());
        NDArray gate = Activation.sigmoid(excite.forward(store, new NDList(hidden), training, params).singletonOrThrow());
        return new NDList(x.mul(gate.reshape(shape.get(0), channels, 1, 1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        squeeze.initialize(manager, dataType, new Shape(n, channels));
        excite.initialize(manager, dataType, new Shape(n, hiddenUnits));
    }
}
