package io.deocc.engine.djl.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.model.BackboneSpec;

/**
 * The partial-convolution U-Net ({@link PConvUNet}) for content recovery, bound twice: without
 * parsing guided attention ({@value #NAME}) and with the four attention blocks ({@value #PGA_NAME},
 * whose forward pass also takes the one-hot parsing maps). Input channels must be 5 (RGB, visible
 * mask, amodal mask, as {@link PConvInputs#input} builds them) and output channels 3. The first level
 * has 16·width channels, so width 4 is the paper's 64. The network always has the paper's 7 levels;
 * {@link BackboneSpec#depth()} is not used.
 */
public final class PConvUNetBackbone implements Backbone {
    /** The name the network without attention is bound under. */
    public static final String NAME = "pconv-unet";
    /** The name the network with parsing guided attention is bound under. */
    public static final String PGA_NAME = "pconv-pga";

    private static final int CHANNELS_PER_WIDTH = 16;

    private final boolean withPga;

    private PConvUNetBackbone(boolean withPga) {
        this.withPga = withPga;
    }

    /** The network without parsing guided attention. */
    public static PConvUNetBackbone plain() {
        return new PConvUNetBackbone(false);
    }

    /** The network with the four parsing guided attention blocks. */
    public static PConvUNetBackbone withAttention() {
        return new PConvUNetBackbone(true);
    }

    @Override
    public String name() {
        return withPga ? PGA_NAME : NAME;
    }

    @Override
    public Block build(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        DeoccException.checkArgument(spec.inputChannels() == PConvUNet.INPUT_CHANNELS, name() + " needs "
                + PConvUNet.INPUT_CHANNELS + " input channels (RGB, visible mask, amodal mask) but the spec asks for "
                + spec.inputChannels() + ": use inputChannels " + PConvUNet.INPUT_CHANNELS);
        DeoccException.checkArgument(spec.outputChannels() == PConvUNet.OUTPUT_CHANNELS, name() + " paints RGB ("
                + PConvUNet.OUTPUT_CHANNELS + " channels) but the spec asks for " + spec.outputChannels()
                + ": use outputChannels " + PConvUNet.OUTPUT_CHANNELS);
        return new PConvUNet(CHANNELS_PER_WIDTH * spec.width(), withPga);
    }

    /** With attention, the input is followed by the one-hot visible and amodal parsings (19 channels each). */
    @Override
    public Shape[] inputShapes(BackboneSpec spec, long batch, long height, long width) {
        Shape input = new Shape(batch, spec.inputChannels(), height, width);
        if (!withPga) {
            return new Shape[] {input};
        }
        Shape parsing = new Shape(batch, ParsingGuidedAttention.PARTS, height, width);
        return new Shape[] {input, parsing, parsing};
    }

    /** 1: any size works (levels round up, up-sampling resizes to the skip); multiples of 128 keep every step an exact ×2. */
    @Override
    public int sizeMultiple(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        return 1;
    }
}
