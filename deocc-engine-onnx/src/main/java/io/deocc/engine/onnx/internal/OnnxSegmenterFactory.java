package io.deocc.engine.onnx.internal;

import io.deocc.mask.network.SegmentationSettings;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ResourceLimits;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.api.spi.Stage;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.mask.network.SegmentationNetwork;
import io.deocc.model.ShippedModels;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates the {@code onnx-segmenter}: a person segmentation network exported by {@code deocc export} (or a
 * foreign one with a card: 3 channels in, 1 person logit per pixel out), run by ONNX Runtime over the whole
 * letterboxed image; people are split as {@link SegmentationNetwork#people} does.
 *
 * <p>Settings: {@code model} (default: the shipped {@value #SHIPPED_CARD} when it names an ONNX file),
 * {@code threads}, {@code optimisation}, {@code memory-arena}, and {@code threshold}, {@code min-area},
 * {@code max-people} as every engine's segmenter reads them ({@link SegmentationSettings}).
 *
 * <p>Priority 0 with the shipped model (as {@code djl-segmenter}; below the mask-file segmenter, because
 * masks the user gives win), else negative.
 */
public final class OnnxSegmenterFactory implements SegmenterFactory {
    /** The component's name. */
    public static final String NAME = "onnx-segmenter";
    /** File name of the shipped segmenter's card. */
    public static final String SHIPPED_CARD = "segmenter-unet.card.json";

    private static final Set<String> KEYS = OnnxSettings.keys(SegmentationSettings.KEYS);
    private static final String DESCRIPTION = "A person segmentation network exported to ONNX, on ONNX Runtime, over"
            + " the whole image; instances by connected components.";

    /** Needed by ServiceLoader; loads nothing. */
    public OnnxSegmenterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor("model-card", 0);
    }

    @Override
    public int defaultPriority() {
        return OnnxModels.shipped(SHIPPED_CARD).isPresent() ? 0 : OnnxMaskCompleterFactory.FALLBACK_PRIORITY;
    }

    /**
     * Loads ONNX Runtime (once per JVM) and the model.
     *
     * @throws DeoccException as {@link OnnxMaskCompleterFactory#create} does, for segmentation cards
     */
    @Override
    public Segmenter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        ResourceLimits limits = checkNotNull(context.limits(), "context limits");
        SessionSettings settings = OnnxSettings.session(config, NAME, KEYS);
        Path cardFile = ShippedModels.cardPath(config, NAME, SHIPPED_CARD);
        SegmentationSettings segmentation = SegmentationSettings.fromConfig(config, limits);
        OnnxModels.Opened model = OnnxModels.open(cardFile, Stage.SEGMENTATION, NAME, settings);
        return new OnnxSegmenter(descriptor(model.card().backbone(), model.card().inputSize()), limits, model.session(),
                new SegmentationNetwork(model.card().inputSize(), model.card().normalisation()), segmentation);
    }

    private static ComponentDescriptor descriptor(String backbone, int inputSize) {
        return new ComponentDescriptor(NAME, Stage.SEGMENTATION, backbone, OnnxSettings.ENGINE, inputSize, true,
                Set.of("visible-mask", "instances"), DESCRIPTION);
    }
}
