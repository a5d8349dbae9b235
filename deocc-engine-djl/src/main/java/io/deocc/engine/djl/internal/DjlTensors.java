package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.network.NetworkFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The bridge between the stages' engine-neutral tensors and DJL: arrays from {@link FloatTensor}s and
 * back, and a block's inference as a {@link NetworkFunction}.
 */
public final class DjlTensors {
    private DjlTensors() {
    }

    /** The tensor as a float32 array on {@code manager}. */
    public static NDArray array(NDManager manager, FloatTensor tensor) {
        DeoccException.checkNotNull(manager, "manager");
        DeoccException.checkNotNull(tensor, "tensor");
        return manager.create(tensor.copyValues(), new Shape(tensor.shape()));
    }

    /** The arrays of several tensors, in order. */
    public static NDList arrays(NDManager manager, List<FloatTensor> tensors) {
        DeoccException.checkNotNull(tensors, "tensors");
        NDList list = new NDList(tensors.size());
        for (FloatTensor tensor : tensors) {
            list.add(array(manager, tensor));
        }
        return list;
    }

    /** The array's values (as float32) and shape. */
    public static FloatTensor tensor(NDArray array) {
        NDArray floats = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        return FloatTensor.of(floats.toFloatArray(), array.getShape().getShape());
    }

    /**
     * The block's inference (not training) as a function: each call works in its own sub-manager of
     * {@code manager}, freed before it returns.
     */
    public static NetworkFunction function(Block block, NDManager manager) {
        DeoccException.checkNotNull(block, "block");
        DeoccException.checkNotNull(manager, "manager");
        return inputs -> {
            try (NDManager call = manager.newSubManager()) {
                NDList outputs = block.forward(new ParameterStore(call, false), arrays(call, inputs), false);
                List<FloatTensor> tensors = new ArrayList<>(outputs.size());
                for (NDArray output : outputs) {
                    tensors.add(tensor(output));
                }
                return List.copyOf(tensors);
            }
        };
    }
}
