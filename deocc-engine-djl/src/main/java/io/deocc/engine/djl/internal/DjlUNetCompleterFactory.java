package io.deocc.engine.djl.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.engine.djl.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.mask.crop.PersonCrop;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Creates the {@code djl-unet} mask completer: a single U-Net, loaded from a model card saved by
 * {@link ModelFiles#save}, that maps a crop's RGB and visible mask (4 channels) to one amodal logit
 * map. See {@link DjlUNetCompleter} for what a call does.
 *
 * <p>Settings: {@code model} (required: path of a {@code <name>.card.json}), {@code threads}
 * (libtorch intra-op threads, fixed when libtorch first loads), {@code context} (crop side relative to
 * the person's longer box side, default {@link PersonCrop#DEFAULT_CONTEXT}) and {@code threshold}
 * (amodal probability cut, default 0.5).
 *
 * <p>Its {@link #defaultPriority()} is below the pure-Java reference completer's 0 on purpose: deocc
 * ships no trained weights for it yet, so it must never be chosen when a pipeline names no completer.
 * Raise it once shipped weights beat the reference.
 */
public final class DjlUNetCompleterFactory implements MaskCompleterFactory {
    /** The component's name. */
    public static final String NAME = "djl-unet";
    /** Backbone the model card must name. */
    public static final String BACKBONE = UNetBackbone.NAME;
    /** Setting: path of the model card. */
    public static final String MODEL_KEY = "model";
    /** Setting: crop context factor. */
    public static final String CONTEXT_KEY = "context";
    /** Setting: amodal probability threshold. */
    public static final String THRESHOLD_KEY = "threshold";
    /** Default amodal probability threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Input channels the network must take: red, green, blue and the visible mask. */
    public static final int INPUT_CHANNELS = 4;
    /** Output channels the network must give: one amodal logit. */
    public static final int OUTPUT_CHANNELS = 1;
    /** Below the reference completer (0): no weights are shipped yet, so never the default. */
    static final int PRIORITY = -50;

    private static final Set<String> KEYS = Set.of(MODEL_KEY, EngineSettings.THREADS_KEY, CONTEXT_KEY, THRESHOLD_KEY);
    private static final String ENGINE = "pytorch";
    private static final String DESCRIPTION = "A U-Net on DJL's PyTorch engine that completes the amodal mask from the"
            + " image and visible mask around a person; needs a trained model card (setting 'model').";

    /** Needed by ServiceLoader; loads nothing. */
    public DjlUNetCompleterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    /** The input size is 0 here because it depends on the model card; created completers report the card's. */
    @Override
    public ComponentDescriptor descriptor() {
        return descriptor(0);
    }

    @Override
    public int defaultPriority() {
        return PRIORITY;
    }

    /**
     * Loads libtorch (once per JVM) and the model.
     *
     * @throws DeoccException {@code INVALID_CONFIG} for a missing {@code model} or a bad setting;
     *         {@code FILE_NOT_FOUND} for a missing card or weights file; {@code MODEL_INVALID} for a card
     *         of another stage, backbone or channel count, or weights that do not match it;
     *         {@code NATIVE_LIBRARY} when libtorch cannot load
     */
    @Override
    public MaskCompleter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        checkNotNull(context.limits(), "context limits");
        config.requireOnly(NAME, KEYS);
        Path cardFile = modelPath(config);
        double cropContext = config.getDouble(CONTEXT_KEY, PersonCrop.DEFAULT_CONTEXT, 1.0, 16.0);
        double threshold = config.getDouble(THRESHOLD_KEY, DEFAULT_THRESHOLD, 0.0, 1.0);
        EngineSettings settings = EngineSettings.fromConfig(config);

        // the card is small: check it before libtorch loads and the network is built
        checkCard(ModelCard.read(cardFile), cardFile);
        DjlEngine engine = DjlEngine.load(settings);
        NDManager manager = engine.newManager();
        try {
            LoadedModel model = ModelFiles.load(cardFile, BACKBONE, engine.backbones(), manager);
            freezeParameters(model);
            return new DjlUNetCompleter(descriptor(model.card().inputSize()), context.limits(), model, manager,
                    cropContext, threshold);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static ComponentDescriptor descriptor(int inputSize) {
        return new ComponentDescriptor(NAME, Stage.MASK_COMPLETION, BACKBONE, ENGINE, inputSize, true,
                Set.of("amodal-mask"), DESCRIPTION);
    }

    private static Path modelPath(ComponentConfig config) {
        String raw = config.get(MODEL_KEY).orElseThrow(() -> new DeoccException(ErrorCode.INVALID_CONFIG,
                "component '" + NAME + "' needs the setting '" + MODEL_KEY + "': give the path of a <name>"
                        + ModelFiles.CARD_SUFFIX + " saved with its .params file (e.g. " + MODEL_KEY
                        + "=models/mask-unet.card.json)"));
        if (raw.isBlank()) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + MODEL_KEY + "' of component '" + NAME
                    + "' is blank: give the path of a <name>" + ModelFiles.CARD_SUFFIX);
        }
        try {
            return Path.of(raw.trim());
        } catch (InvalidPathException e) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + MODEL_KEY + "' is '" + raw
                    + "', not a valid path (" + e.getReason() + "): give the path of a <name>" + ModelFiles.CARD_SUFFIX, e);
        }
    }

    /** The card must describe a mask-completion U-Net from RGB + visible to one amodal logit. */
    static void checkCard(ModelCard card, Path cardFile) {
        if (card.stage() != Stage.MASK_COMPLETION) {
            throw invalidCard(cardFile, "stage", cardName(card.stage()), cardName(Stage.MASK_COMPLETION));
        }
        if (!card.backbone().equals(BACKBONE)) {
            throw invalidCard(cardFile, "backbone", card.backbone(), BACKBONE);
        }
        if (card.spec().inputChannels() != INPUT_CHANNELS) {
            throw invalidCard(cardFile, "spec.input-channels", Integer.toString(card.spec().inputChannels()),
                    INPUT_CHANNELS + " (red, green, blue, visible mask)");
        }
        if (card.spec().outputChannels() != OUTPUT_CHANNELS) {
            throw invalidCard(cardFile, "spec.output-channels", Integer.toString(card.spec().outputChannels()),
                    OUTPUT_CHANNELS + " (one amodal logit)");
        }
    }

    /** A stage as model cards spell it, e.g. {@code mask-completion}. */
    private static String cardName(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static DeoccException invalidCard(Path cardFile, String field, String actual, String expected) {
        return new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "': field '" + field + "' is "
                + actual + " but component '" + NAME + "' needs " + expected + ": give a card trained for amodal mask"
                + " completion with this U-Net, or pick the component made for this card");
    }

    /**
     * Inference never needs gradients: switching them off on every parameter, once and before the
     * block is shared, keeps libtorch from recording a graph on each call.
     */
    private static void freezeParameters(LoadedModel model) {
        for (Pair<String, Parameter> parameter : model.block().getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(false);
        }
    }
}
