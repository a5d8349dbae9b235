package io.deocc.engine.djl.model;

import io.deocc.model.ModelCard;
import ai.djl.nn.Block;
import io.deocc.api.DeoccException;

/**
 * A network rebuilt from its card with the card's weights loaded. The block's parameters live in the
 * manager given to {@link ModelFiles#load}; closing that manager frees them.
 *
 * @param card the verified card
 * @param block the initialised block holding the loaded parameters
 */
public record LoadedModel(ModelCard card, Block block) {
    /** Rejects nulls. */
    public LoadedModel {
        DeoccException.checkNotNull(card, "card");
        DeoccException.checkNotNull(block, "block");
    }
}
