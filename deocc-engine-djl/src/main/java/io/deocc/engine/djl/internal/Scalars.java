package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;

/**
 * Numbers as arrays, for arithmetic on arrays that take part in a backward pass.
 *
 * <p>Why not {@code x.mul(5f)}: DJL 0.36 turns a Java number operand into a 0-d tensor over a direct
 * buffer, without a copy, and closes it right after the operation, while libtorch's backward of a
 * product, division, power or maximum reads that operand again. When a garbage collection frees the
 * buffer in between, the gradient is computed from freed memory — training went NaN at random steps (a
 * division in the attention, the loss weights). An array made here lives in the pass's manager, so it
 * outlives the backward pass. The architecture tests forbid number operands on these operations in the
 * engine.
 */
final class Scalars {
    private Scalars() {
    }

    /** {@code value} as a 0-d float32 array of {@code like}'s manager (it broadcasts against any shape). */
    static NDArray of(NDArray like, float value) {
        return like.getManager().create(value);
    }
}
