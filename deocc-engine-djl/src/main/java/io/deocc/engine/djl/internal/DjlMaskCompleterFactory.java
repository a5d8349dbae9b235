package io.deocc.engine.djl.internal;

import io.deocc.mask.network.MaskSettings;
import io.deocc.mask.network.MaskNetwork;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.api.network.PersonCrop;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates the {@code djl-mask} completer: any mask network this engine trains — {@code stacked-unet}
 * (the paper's), {@code unet}, {@code resnet-unet}, {@code ae}, {@code vae} — loaded from a model card
 * saved by {@link io.deocc.engine.djl.model.ModelFiles#save}. The card names the backbone, so config
 * picks the network by choosing the card. See {@link MaskNetwork} for what a call does.
 *
 * <p>Settings: {@code model} (path of a {@code <name>.card.json}; default: the shipped
 * {@value #SHIPPED_CARD}), {@code threads} (libtorch intra-op threads, fixed when libtorch first loads),
 * {@code context} (crop side relative to the person's longer box side, default
 * {@link PersonCrop#DEFAULT_CONTEXT}), {@code threshold} (probability cut, default 0.5) and
 * {@code refine-visible} (default true; false keeps an exact input mask as the refined visible mask).
 *
 * <p>Its {@link #defaultPriority()} is {@value #SHIPPED_PRIORITY}, above the pure-Java reference
 * completer's 0, when the shipped model is found, and {@value #FALLBACK_PRIORITY} otherwise, so that a
 * pipeline without a model never picks it by default.
 */
public final class DjlMaskCompleterFactory implements MaskCompleterFactory {
    /** The component's name. */
    public static final String NAME = "djl-mask";
    /** File name of the shipped mask model's card. */
    public static final String SHIPPED_CARD = "mask-stacked-unet.card.json";
    static final int SHIPPED_PRIORITY = 100;
    static final int FALLBACK_PRIORITY = -50;

    private static final Set<String> KEYS = NetworkModels.keys(MaskSettings.KEYS);
    private static final String ENGINE = "pytorch";
    private static final String DESCRIPTION = "The paper's mask networks on DJL's PyTorch engine: refine the visible"
            + " mask and complete the amodal mask (and parsing, for stacked-unet) around a person.";

    /** Needed by ServiceLoader; loads nothing. */
    public DjlMaskCompleterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    /** Backbone and input size are those of the shipped card here; created completers report their card's. */
    @Override
    public ComponentDescriptor descriptor() {
        return descriptor(StackedMaskBackbone.NAME, 0);
    }

    @Override
    public int defaultPriority() {
        return NetworkModels.shipped(SHIPPED_CARD).isPresent() ? SHIPPED_PRIORITY : FALLBACK_PRIORITY;
    }

    /**
     * Loads libtorch (once per JVM) and the model.
     *
     * @throws DeoccException {@code INVALID_CONFIG} for a bad setting or no model; {@code FILE_NOT_FOUND} for a
     *         missing card or weights file; {@code MODEL_INVALID} for a card of another stage, a backbone that
     *         cannot complete masks, or weights that do not match it; {@code NATIVE_LIBRARY} when libtorch
     *         cannot load
     */
    @Override
    public MaskCompleter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        checkNotNull(context.limits(), "context limits");
        config.requireOnly(NAME, KEYS);
        Path cardFile = NetworkModels.cardPath(config, NAME, SHIPPED_CARD);
        MaskSettings mask = MaskSettings.fromConfig(config);
        EngineSettings settings = EngineSettings.fromConfig(config);
        return NetworkModels.open(cardFile, Stage.MASK_COMPLETION, NAME, settings, (card, block, manager) ->
                new DjlMaskCompleter(descriptor(card.backbone(), card.inputSize()), context.limits(), block, manager,
                        new MaskNetwork(card.inputSize(), card.normalisation(), mask.context(), mask.refineVisible()), mask.threshold()));
    }

    private static ComponentDescriptor descriptor(String backbone, int inputSize) {
        return new ComponentDescriptor(NAME, Stage.MASK_COMPLETION, backbone, ENGINE, inputSize, true,
                backbone.equals(StackedMaskBackbone.NAME) ? Set.of("amodal-mask", "refined-visible", "parsing")
                        : Set.of("amodal-mask"), DESCRIPTION);
    }
}
