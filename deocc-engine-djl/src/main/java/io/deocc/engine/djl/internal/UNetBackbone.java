package io.deocc.engine.djl.internal;

import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.model.BackboneSpec;

/** The plain U-Net of the paper's hourglasses; see {@link UNetBlock}. */
public final class UNetBackbone implements Backbone {
    /** The name the U-Net is bound under. */
    public static final String NAME = "unet";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Block build(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        return new UNetBlock(spec);
    }

    @Override
    public int sizeMultiple(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        return spec.sizeMultiple();
    }
}
