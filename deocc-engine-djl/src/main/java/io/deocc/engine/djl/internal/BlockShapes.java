package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/** The shapes of a block's inputs, so that forward passes can run the same checks as shape inference. */
final class BlockShapes {
    private BlockShapes() {}

    static Shape[] of(NDList inputs) {
        Shape[] shapes = new Shape[inputs.size()];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = inputs.get(i).getShape();
        }
        return shapes;
    }
}
