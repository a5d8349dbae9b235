package io.deocc.engine.djl.backbone;

import io.deocc.model.BackboneSpec;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A network body that maps an N×C_in×H×W tensor to N×C_out×H×W logits. Implementations are
 * stateless factories bound by {@link #name()}; each {@link #build} call returns a fresh,
 * uninitialised DJL block, so several networks can share one backbone kind.
 */
public interface Backbone {
    /** The lowercase name the backbone is bound and selected by, e.g. {@code unet}. */
    String name();

    /**
     * Builds a new block for the spec. The block's forward pass rejects inputs whose channel count
     * differs from {@link BackboneSpec#inputChannels()} or whose size breaks {@link #sizeMultiple}.
     */
    Block build(BackboneSpec spec);

    /** The factor input heights and widths must be a multiple of for this spec. */
    int sizeMultiple(BackboneSpec spec);

    /**
     * The shapes of the forward pass's inputs for a batch, e.g. to initialise a block's parameters:
     * one N×C_in×H×W array unless the network also reads side inputs (e.g. parsing maps).
     */
    default Shape[] inputShapes(BackboneSpec spec, long batch, long height, long width) {
        return new Shape[] {new Shape(batch, spec.inputChannels(), height, width)};
    }
}
