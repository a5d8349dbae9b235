package io.deocc.engine.djl.internal;

import io.deocc.mask.network.SegmentationSettings;
import io.deocc.mask.network.SegmentationNetwork;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ResourceLimits;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.api.spi.Stage;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates the {@code djl-segmenter}: a network loaded from a model card saved by {@link ModelFiles#save}
 * that maps the whole letterboxed image (3 channels, RGB) to one person logit per pixel; the
 * foreground is then split into people by connected components. See {@link DjlSegmenter} for a call.
 *
 * <p>Settings: {@code model} (path of a {@code <name>.card.json} of stage {@code segmentation}, any
 * backbone this engine binds with 3 input and 1 output channels, or a TorchScript model; default: the
 * shipped {@value #SHIPPED_CARD}), {@code threads}
 * (libtorch intra-op threads, fixed when libtorch first loads), and {@code threshold}, {@code min-area}
 * and {@code max-people} as every engine's segmenter reads them ({@link SegmentationSettings}).
 *
 */
public final class DjlSegmenterFactory implements SegmenterFactory {
    /** The component's name. */
    public static final String NAME = "djl-segmenter";
    /** File name of the shipped segmenter's card. */
    public static final String SHIPPED_CARD = "segmenter-unet.card.json";
    private static final Set<String> KEYS = NetworkModels.keys(SegmentationSettings.KEYS);
    private static final String ENGINE = "pytorch";
    // the factory cannot know which backbone a card names; created segmenters report the card's
    private static final String ANY_BACKBONE = "model-card";
    private static final String DESCRIPTION = "A network on DJL's PyTorch engine that segments people in the whole"
            + " image and splits them into instances by connected components; needs a trained model card (setting 'model').";

    /** Needed by ServiceLoader; loads nothing. */
    public DjlSegmenterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    /** Backbone and input size are unknown here because they come from the model card; created segmenters report the card's. */
    @Override
    public ComponentDescriptor descriptor() {
        return descriptor(ANY_BACKBONE, 0);
    }

    /**
     * 0 when the shipped model is found — below the mask-file segmenter's 1, because masks the user gives
     * win over a learned guess (the CLI picks this segmenter when no masks are given) — and negative
     * otherwise, as it cannot run without a model.
     */
    @Override
    public int defaultPriority() {
        return NetworkModels.shipped(SHIPPED_CARD).isPresent() ? 0 : DjlMaskCompleterFactory.FALLBACK_PRIORITY;
    }

    /**
     * Loads libtorch (once per JVM) and the model, and runs the network once on a black image to check
     * that it maps 1×3×S×S to 1×1×S×S.
     *
     * @throws DeoccException {@code INVALID_CONFIG} for a missing {@code model} or a bad setting;
     *         {@code FILE_NOT_FOUND} for a missing card or weights file; {@code MODEL_INVALID} for a card
     *         of another stage or channel count, a backbone this engine does not bind, weights that do not
     *         match the card, or a network that does not give one logit map of the input's size;
     *         {@code NATIVE_LIBRARY} when libtorch cannot load
     */
    @Override
    public Segmenter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        ResourceLimits limits = checkNotNull(context.limits(), "context limits");
        config.requireOnly(NAME, KEYS);
        Path cardFile = NetworkModels.cardPath(config, NAME, SHIPPED_CARD);
        SegmentationSettings segmentation = SegmentationSettings.fromConfig(config, limits);
        EngineSettings settings = EngineSettings.fromConfig(config);
        return NetworkModels.open(cardFile, Stage.SEGMENTATION, NAME, settings, (card, block, manager) ->
                new DjlSegmenter(descriptor(card.backbone(), card.inputSize()), limits, block, manager,
                        new SegmentationNetwork(card.inputSize(), card.normalisation()), segmentation));
    }

    private static ComponentDescriptor descriptor(String backbone, int inputSize) {
        return new ComponentDescriptor(NAME, Stage.SEGMENTATION, backbone, ENGINE, inputSize, true,
                Set.of("visible-mask", "instances"), DESCRIPTION);
    }
}
