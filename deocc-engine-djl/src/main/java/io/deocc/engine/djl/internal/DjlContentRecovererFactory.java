package io.deocc.engine.djl.internal;

import io.deocc.content.network.ContentNetwork;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.api.network.PersonCrop;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates the {@code djl-content} recoverer: any content network this engine trains — {@code pconv-pga}
 * (the paper's), {@code pconv-unet}, or a U-Net, ResNet-UNet, AE or VAE with 5 input and 3 output
 * channels — loaded from a model card. See {@link ContentNetwork} for what a call does.
 *
 * <p>Settings: {@code model} (default: the shipped {@value #SHIPPED_CARD}), {@code threads},
 * {@code context} (crop side relative to the amodal box's longer side, default
 * {@link PersonCrop#DEFAULT_CONTEXT}).
 *
 * <p>Its {@link #defaultPriority()} is {@value #PRIORITY}, below the reference recoverer's 0 even with the
 * shipped model: that model (16 base channels, 3 000 CPU steps) does not yet beat the exemplar reference on
 * the content benchmark (docs/PERFORMANCE.md), so pipelines use it only when they name it. Raise it when a
 * shipped model wins.
 */
public final class DjlContentRecovererFactory implements ContentRecovererFactory {
    /** The component's name. */
    public static final String NAME = "djl-content";
    /** File name of the shipped content model's card. */
    public static final String SHIPPED_CARD = "content-pconv-pga.card.json";

    /** Below the reference recoverer: the shipped model does not beat it yet. */
    static final int PRIORITY = -10;

    private static final Set<String> KEYS = NetworkModels.keys(Set.of(ContentNetwork.CONTEXT_KEY));
    private static final String ENGINE = "pytorch";
    private static final String DESCRIPTION = "The paper's partial-convolution network with parsing guided attention"
            + " on DJL's PyTorch engine: paints the hidden part of a person; visible pixels stay unchanged.";

    /** Needed by ServiceLoader; loads nothing. */
    public DjlContentRecovererFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor(PConvUNetBackbone.PGA_NAME, 0);
    }

    @Override
    public int defaultPriority() {
        return PRIORITY;
    }

    /**
     * Loads libtorch (once per JVM) and the model.
     *
     * @throws DeoccException as {@link DjlMaskCompleterFactory#create} does, for content cards
     */
    @Override
    public ContentRecoverer create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        checkNotNull(context.limits(), "context limits");
        config.requireOnly(NAME, KEYS);
        Path cardFile = NetworkModels.cardPath(config, NAME, SHIPPED_CARD);
        double cropContext = ContentNetwork.contextSetting(config);
        EngineSettings settings = EngineSettings.fromConfig(config);
        return NetworkModels.open(cardFile, Stage.CONTENT_RECOVERY, NAME, settings, (card, block, manager) ->
                new DjlContentRecoverer(descriptor(card.backbone(), card.inputSize()), context.limits(), block, manager,
                        new ContentNetwork(card.inputSize(), cropContext, card.backbone().equals(PConvUNetBackbone.PGA_NAME))));
    }

    private static ComponentDescriptor descriptor(String backbone, int inputSize) {
        return new ComponentDescriptor(NAME, Stage.CONTENT_RECOVERY, backbone, ENGINE, inputSize, true,
                backbone.equals(PConvUNetBackbone.PGA_NAME) ? Set.of("content", "parsing") : Set.of("content"),
                DESCRIPTION);
    }
}
