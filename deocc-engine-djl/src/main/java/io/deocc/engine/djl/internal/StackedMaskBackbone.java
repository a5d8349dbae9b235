package io.deocc.engine.djl.internal;

import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.model.BackboneSpec;
import io.deocc.mask.pose.PoseMaskBank;

/**
 * The paper's stacked two-hourglass mask network ({@link StackedMaskNetwork}) bound as a backbone, so
 * that the mask stage selects it by name like any other. The spec must ask for 4 input channels (RGB +
 * visible mask) and 2 output channels (background and person logits of the amodal mask); its depth and
 * width are the hourglasses'. The pose prior uses the bank deocc ships ({@link PoseMaskBank#loadDefault()}),
 * so a model card needs to record nothing more.
 *
 * <p>Unlike the single-output backbones, the built block returns four arrays (see
 * {@link StackedMaskNetwork}); the mask stage reads the amodal and refined visible ones by index.
 */
public final class StackedMaskBackbone implements Backbone {
    /** The name the network is bound under. */
    public static final String NAME = "stacked-unet";
    /** The name the ablation's plain stack (no parsing heads, gates or pose prior) is bound under. */
    public static final String PLAIN_NAME = "stacked-unet-plain";

    private final PoseMaskBank poseMasks;
    private final boolean guided;

    private StackedMaskBackbone(PoseMaskBank poseMasks, boolean guided) {
        this.poseMasks = DeoccException.checkNotNull(poseMasks, "poseMasks");
        this.guided = guided;
    }

    /** The paper's network, with the shipped pose-mask bank. */
    public static StackedMaskBackbone guided() {
        return new StackedMaskBackbone(PoseMaskBank.loadDefault(), true);
    }

    /** The ablation's plain stack: two hourglasses and mask heads only. */
    public static StackedMaskBackbone plain() {
        return new StackedMaskBackbone(PoseMaskBank.loadDefault(), false);
    }

    /** Whether a bound name is one of the stacked networks. */
    public static boolean isStacked(String backbone) {
        return NAME.equals(backbone) || PLAIN_NAME.equals(backbone);
    }

    @Override
    public String name() {
        return guided ? NAME : PLAIN_NAME;
    }

    @Override
    public Block build(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        DeoccException.checkArgument(spec.inputChannels() == StackedMaskNetwork.INPUT_CHANNELS, name() + " needs "
                + StackedMaskNetwork.INPUT_CHANNELS + " input channels (red, green, blue, visible mask) but the spec asks for "
                + spec.inputChannels() + ": use inputChannels " + StackedMaskNetwork.INPUT_CHANNELS);
        DeoccException.checkArgument(spec.outputChannels() == StackedMaskNetwork.MASK_CLASSES, name() + " gives "
                + StackedMaskNetwork.MASK_CLASSES + " amodal logits (background, person) but the spec asks for "
                + spec.outputChannels() + ": use outputChannels " + StackedMaskNetwork.MASK_CLASSES);
        return new StackedMaskNetwork(spec.width(), spec.depth(), poseMasks, guided);
    }

    /** 2^depth, as for each hourglass; inputs must also be at least the pose masks' side. */
    @Override
    public int sizeMultiple(BackboneSpec spec) {
        DeoccException.checkNotNull(spec, "spec");
        return spec.sizeMultiple();
    }
}
