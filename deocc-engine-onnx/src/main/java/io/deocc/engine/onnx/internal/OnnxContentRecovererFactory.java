package io.deocc.engine.onnx.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.content.network.ContentNetwork;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.model.ShippedModels;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates the {@code onnx-content} recoverer: a content network exported by {@code deocc export}
 * ({@code pconv-pga}, {@code pconv-unet}) or a foreign ONNX network with a card, run by ONNX Runtime with
 * the content stage's own pre- and post-processing ({@link ContentNetwork}).
 *
 * <p>Settings: {@code model} (default: the shipped {@value #SHIPPED_CARD} when it names an ONNX file),
 * {@code threads}, {@code optimisation}, {@code memory-arena}, {@code context}.
 *
 * <p>Priority {@value #PRIORITY}, just above {@code djl-content} and, like it, below the reference
 * recoverer: the shipped content model does not beat the exemplar reference yet (docs/PERFORMANCE.md).
 */
public final class OnnxContentRecovererFactory implements ContentRecovererFactory {
    /** The component's name. */
    public static final String NAME = "onnx-content";
    /** File name of the shipped content model's card. */
    public static final String SHIPPED_CARD = "content-pconv-pga.card.json";
    static final int PRIORITY = -9;

    private static final Set<String> KEYS = OnnxSettings.keys(Set.of(ContentNetwork.CONTEXT_KEY));
    private static final String DESCRIPTION = "The paper's partial-convolution network with parsing guided attention"
            + " exported to ONNX, on ONNX Runtime: paints the hidden part of a person; visible pixels stay unchanged.";

    /** Needed by ServiceLoader; loads nothing. */
    public OnnxContentRecovererFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor("pconv-pga", 0, true);
    }

    @Override
    public int defaultPriority() {
        return PRIORITY;
    }

    /**
     * Loads ONNX Runtime (once per JVM) and the model.
     *
     * @throws DeoccException as {@link OnnxMaskCompleterFactory#create} does, for content cards
     */
    @Override
    public ContentRecoverer create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        checkNotNull(context.limits(), "context limits");
        SessionSettings settings = OnnxSettings.session(config, NAME, KEYS);
        Path cardFile = ShippedModels.cardPath(config, NAME, SHIPPED_CARD);
        double cropContext = ContentNetwork.contextSetting(config);
        OnnxModels.Opened model = OnnxModels.open(cardFile, Stage.CONTENT_RECOVERY, NAME, settings);
        boolean parsingInput = model.session().signature().inputs().size() == 3;
        return new OnnxContentRecoverer(descriptor(model.card().backbone(), model.card().inputSize(), parsingInput),
                context.limits(), model.session(), new ContentNetwork(model.card().inputSize(), cropContext, parsingInput));
    }

    private static ComponentDescriptor descriptor(String backbone, int inputSize, boolean parsingInput) {
        return new ComponentDescriptor(NAME, Stage.CONTENT_RECOVERY, backbone, OnnxSettings.ENGINE, inputSize, true,
                parsingInput ? Set.of("content", "parsing") : Set.of("content"), DESCRIPTION);
    }
}
