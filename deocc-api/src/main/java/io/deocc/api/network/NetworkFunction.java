package io.deocc.api.network;

import java.util.List;

/**
 * One forward pass of a loaded network, as an engine runs it: the stages' shared pre- and
 * post-processing (crops, input tensors, reading the outputs) call it, so that every engine feeds and
 * reads a network the same way.
 *
 * <p>Implementations are thread-safe when the component that hands them out is, and free everything a
 * call allocated before returning.
 */
@FunctionalInterface
public interface NetworkFunction {
    /**
     * Runs the network once.
     *
     * @param inputs the inputs in the order the network declares them
     * @return the outputs in the order the network declares them
     * @throws io.deocc.api.DeoccException {@code MODEL_INVALID} when the network rejects the inputs
     */
    List<FloatTensor> apply(List<FloatTensor> inputs);
}
