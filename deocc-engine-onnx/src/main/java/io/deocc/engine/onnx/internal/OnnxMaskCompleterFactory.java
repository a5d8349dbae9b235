package io.deocc.engine.onnx.internal;

import io.deocc.mask.network.MaskSettings;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.mask.network.MaskNetwork;
import io.deocc.model.ShippedModels;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates the {@code onnx-mask} completer: a mask network exported by {@code deocc export} (any backbone
 * in {@link LayoutModule}, e.g. the paper's {@code stacked-unet}) or a foreign ONNX network with a card,
 * run by ONNX Runtime with the mask stage's own pre- and post-processing ({@link MaskNetwork}), so its
 * masks are those of the DJL engine's {@code djl-mask} on the same weights.
 *
 * <p>Settings: {@code model} (a {@code .card.json} naming an {@code .onnx} file; default: the shipped
 * {@value #SHIPPED_CARD} when it names one), {@code threads}, {@code optimisation}, {@code memory-arena}
 * ({@link SessionSettings}), and {@code context}, {@code threshold}, {@code refine-visible} as every
 * engine's completer reads them ({@link MaskSettings}).
 *
 * <p>Priority {@value #SHIPPED_PRIORITY} with the shipped model — above {@code djl-mask}'s 100, so that
 * inference runs on ONNX Runtime when both engines are present — else {@value #FALLBACK_PRIORITY}.
 */
public final class OnnxMaskCompleterFactory implements MaskCompleterFactory {
    /** The component's name. */
    public static final String NAME = "onnx-mask";
    /** File name of the shipped mask model's card. */
    public static final String SHIPPED_CARD = "mask-stacked-unet.card.json";
    static final int SHIPPED_PRIORITY = 110;
    static final int FALLBACK_PRIORITY = -50;

    private static final Set<String> KEYS = OnnxSettings.keys(MaskSettings.KEYS);
    private static final String DESCRIPTION = "The paper's mask networks exported to ONNX, on ONNX Runtime: refine the"
            + " visible mask and complete the amodal mask (and parsing, for stacked-unet) around a person.";

    /** Needed by ServiceLoader; loads nothing. */
    public OnnxMaskCompleterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor("stacked-unet", 0);
    }

    @Override
    public int defaultPriority() {
        return OnnxModels.shipped(SHIPPED_CARD).isPresent() ? SHIPPED_PRIORITY : FALLBACK_PRIORITY;
    }

    /**
     * Loads ONNX Runtime (once per JVM) and the model.
     *
     * @throws DeoccException {@code INVALID_CONFIG} for a bad setting or no model; {@code FILE_NOT_FOUND} for a
     *     missing card or model; {@code MODEL_INVALID} for a card of another stage, a model that is not the
     *     card's or does not have its signature; {@code NATIVE_LIBRARY} when ONNX Runtime cannot load
     */
    @Override
    public MaskCompleter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        checkNotNull(context.limits(), "context limits");
        SessionSettings settings = OnnxSettings.session(config, NAME, KEYS);
        Path cardFile = ShippedModels.cardPath(config, NAME, SHIPPED_CARD);
        MaskSettings mask = MaskSettings.fromConfig(config);
        OnnxModels.Opened model = OnnxModels.open(cardFile, Stage.MASK_COMPLETION, NAME, settings);
        return new OnnxMaskCompleter(descriptor(model.card().backbone(), model.card().inputSize()), context.limits(),
                model.session(), new MaskNetwork(model.card().inputSize(), model.card().normalisation(), mask.context(),
                mask.refineVisible()), mask.threshold());
    }

    private static ComponentDescriptor descriptor(String backbone, int inputSize) {
        return new ComponentDescriptor(NAME, Stage.MASK_COMPLETION, backbone, OnnxSettings.ENGINE, inputSize, true,
                backbone.startsWith("stacked-unet") ? Set.of("amodal-mask", "refined-visible", "parsing")
                        : Set.of("amodal-mask"), DESCRIPTION);
    }
}
