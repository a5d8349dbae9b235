package io.deocc.engine.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.engine.djl.internal.MacCounter;

/**
 * The arithmetic cost of the engine's networks, for benchmarks, model cards and comparisons with the
 * paper: multiply-accumulates (MACs) of one forward pass, counted from the layer shapes the way the
 * reference counter (shared/peer/flops.py) counts them — convolutions, dense layers and batched matrix
 * products, plus the stacked network's pose-prior affinity. 1 GMAC = 10^9 MACs; a FLOP count is about
 * twice the MACs.
 *
 * <p>Reference points at 256×256, batch 1: {@code stacked-unet} width 4, depth 4 ≈ 76.2 GMAC (the
 * paper's network: 73.3); {@code pconv-pga} width 4 ≈ 17 GMAC.
 */
public final class NetworkCost {
    private NetworkCost() {
    }

    /**
     * MACs of one forward pass of {@code block} at {@code inputShapes} (one shape per network input,
     * batch included; the count scales with the batch). The block must be initialised (at any input
     * size the network accepts; an autoencoder only at the size it was initialised with). The count
     * re-runs DJL's shape inference and leaves parameters and recorded input shapes as they were; do not
     * call it while another thread runs the block.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null or uninitialised block or no shapes; the
     *     network's own {@code SIZE_MISMATCH} for shapes it cannot take; {@code INTERNAL} for a layer type
     *     the counter does not know
     */
    public static long multiplyAccumulates(Block block, Shape... inputShapes) {
        return MacCounter.multiplyAccumulates(block, inputShapes);
    }
}
