package io.deocc.engine.djl.internal;

import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.model.BackboneSpec;

/**
 * A U-Net ({@link UNetBlock}) whose bottleneck is fused with a ResNet-18-style encoder of the input's
 * RGB channels ({@link ResNetBottleneckFusion}, {@link ResNet18Encoder}: stage channels 16w, 32w, 64w,
 * 128w, i.e. ResNet-18's 64…512 at width 4). The input needs at least 3 channels, RGB first.
 * H and W must be multiples of lcm(2^depth, 32): the U-Net's rule and the ResNet's stride.
 */
public final class ResNetUNetBackbone implements Backbone {
    /** The name the network is bound under. */
    public static final String NAME = "resnet-unet";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Block build(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        DeoccException.checkArgument(spec.inputChannels() >= ResNetBottleneckFusion.RGB_CHANNELS, NAME
                + " feeds the first " + ResNetBottleneckFusion.RGB_CHANNELS + " input channels (RGB) to its image encoder"
                + " but the spec has " + spec.inputChannels() + ": give at least "
                + ResNetBottleneckFusion.RGB_CHANNELS + " input channels, RGB first");
        return new UNetBlock(spec, new ResNetBottleneckFusion(spec.width(), UNetBlock.channels(spec, spec.depth())));
    }

    /** lcm(2^depth, 32); both are powers of two, so the larger of them. */
    @Override
    public int sizeMultiple(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        return Math.max(spec.sizeMultiple(), ResNet18Encoder.STRIDE);
    }
}
