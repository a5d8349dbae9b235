package io.deocc.engine.djl.internal;

import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.engine.djl.backbone.BackboneSpec;

/**
 * The partial-convolution U-Net without parsing guided attention ({@link PConvUNet}), for content
 * recovery: input channels must be 5 (RGB, visible mask, amodal mask, as {@link PConvInputs#input}
 * builds them) and output channels 3. The first level has 16·width channels, so width 4 is the
 * paper's 64. The network always has the paper's 7 levels; {@link BackboneSpec#depth()} is not used.
 */
public final class PConvUNetBackbone implements Backbone {
    /** The name the network is bound under. */
    public static final String NAME = "pconv-unet";

    private static final int CHANNELS_PER_WIDTH = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Block build(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        DeoccException.checkArgument(spec.inputChannels() == PConvUNet.INPUT_CHANNELS, NAME + " needs "
                + PConvUNet.INPUT_CHANNELS + " input channels (RGB, visible mask, amodal mask) but the spec asks for "
                + spec.inputChannels() + ": use inputChannels " + PConvUNet.INPUT_CHANNELS);
        DeoccException.checkArgument(spec.outputChannels() == PConvUNet.OUTPUT_CHANNELS, NAME + " paints RGB ("
                + PConvUNet.OUTPUT_CHANNELS + " channels) but the spec asks for " + spec.outputChannels()
                + ": use outputChannels " + PConvUNet.OUTPUT_CHANNELS);
        return new PConvUNet(CHANNELS_PER_WIDTH * spec.width(), false);
    }

    /** 1: any size works (levels round up, up-sampling resizes to the skip); multiples of 128 keep every step an exact ×2. */
    @Override
    public int sizeMultiple(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        return 1;
    }
}
