package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.Stage;
import io.deocc.engine.djl.backbone.Backbones;
import io.deocc.engine.djl.model.ExpectedModel;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.model.ModelCard;
import io.deocc.model.ShippedModels;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.model.ModelSignature;
import io.deocc.model.TensorSignature;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finding, checking and loading the model card behind a network component: one implementation for the
 * engine's segmenter, completer and recoverer. Where a card comes from is {@link ShippedModels}'s rule.
 */
final class NetworkModels {
    /** Setting: path of the model card. */
    static final String MODEL_KEY = ShippedModels.MODEL_KEY;

    private NetworkModels() {
    }

    /** The model and thread keys plus a component's own, for {@code ComponentConfig.requireOnly}. */
    static Set<String> keys(Set<String> own) {
        Set<String> keys = new java.util.HashSet<>(own);
        keys.add(MODEL_KEY);
        keys.add(EngineSettings.THREADS_KEY);
        return Set.copyOf(keys);
    }

    /** The shipped card of that file name, if the models folder has it. */
    static Optional<Path> shipped(String cardFileName) {
        return ShippedModels.find(cardFileName);
    }

    /** The card the component loads: the {@value #MODEL_KEY} setting, else the shipped card ({@link ShippedModels#cardPath}). */
    static Path cardPath(ComponentConfig config, String component, String shippedCard) {
        return ShippedModels.cardPath(config, component, shippedCard);
    }

    /** Builds a component around a loaded model; the model's weights live in {@code manager}, which the component owns. */
    @FunctionalInterface
    interface ComponentBuilder<T> {
        T build(ModelCard card, Block block, NDManager manager);
    }

    /**
     * Checks the card, loads libtorch (once per JVM) and the weights into a new manager, and builds the
     * component; when any step fails the manager is freed before the error propagates.
     *
     * @throws DeoccException as {@link #checkedCard} and {@link #load} do, or {@code NATIVE_LIBRARY} when
     *         libtorch cannot load
     */
    static <T> T open(Path cardFile, Stage stage, String component, EngineSettings settings, ComponentBuilder<T> builder) {
        // the card is small: check it before libtorch loads and the network is built
        ModelCard card = checkedCard(cardFile, stage, component);
        DjlEngine engine = DjlEngine.load(settings);
        NDManager manager = engine.newManager();
        try {
            return builder.build(card, load(engine, cardFile, card, manager).block(), manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Reads the card and checks that it describes a network for {@code stage} whose backbone and channels
     * suit it (as training would have built it), before libtorch loads and the weights are read.
     *
     * @throws DeoccException {@code MODEL_INVALID} naming the field, the value and what the component needs
     */
    private static ModelCard checkedCard(Path cardFile, Stage stage, String component) {
        ModelCard card = ModelCard.read(cardFile);
        if (card.stage() != stage) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' is for stage "
                    + cardName(card.stage()) + " but component '" + component + "' serves " + cardName(stage)
                    + ": give a card trained for " + cardName(stage) + ", or pick the component made for this card");
        }
        try {
            NetworkTask.of(stage, card.backbone(), card.spec(), card.inputSize(), 1.0, 0);
        } catch (DeoccException e) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' cannot serve component '"
                    + component + "': " + e.getMessage(), e);
        }
        return card;
    }

    /**
     * Loads the card's weights into {@code manager} and switches their gradients off (inference never needs
     * them, and libtorch then records no graph on each call). A native card must name a backbone this engine
     * binds; a TorchScript card ({@code "backbone": "torchscript"}) must declare the stage's
     * {@link #torchScriptSignature signature}, and the loader probes the network with it.
     *
     * @throws DeoccException {@code MODEL_INVALID} for an unbound backbone, a TorchScript signature other than
     *         the stage's, or weights that do not match the card; {@code FILE_NOT_FOUND} for missing files
     */
    private static LoadedModel load(DjlEngine engine, Path cardFile, ModelCard card, NDManager manager) {
        Backbones backbones = engine.backbones();
        if (!card.isTorchScript() && !backbones.names().contains(card.backbone())) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' names backbone '"
                    + card.backbone() + "', which this engine does not bind: give a card for one of "
                    + new TreeSet<>(backbones.names()) + " or a TorchScript model");
        }
        ExpectedModel expected = card.isTorchScript()
                ? ExpectedModel.nativeOrTorchScript(nativeDefault(card.stage()), torchScriptSignature(card.stage()))
                : ExpectedModel.nativeOnly(card.backbone());
        LoadedModel model = ModelFiles.load(cardFile, expected, backbones, manager);
        for (Pair<String, Parameter> parameter : model.block().getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(false);
        }
        return model;
    }

    /**
     * The tensors a stage feeds a TorchScript network and reads back, in order; batch and spatial size
     * (the card's input size) are free. Segmentation: {@code image} (RGB in [0, 1], normalised as the
     * card says) to {@code person_logits}. Mask completion: {@code image_and_visible} (RGB + the input
     * mask) to {@code amodal_logits}. Content recovery: {@code image_and_masks} (as {@link PConvInputs#input}
     * builds it) to {@code rgb} in [−1, 1].
     */
    static ModelSignature torchScriptSignature(Stage stage) {
        return switch (stage) {
            case SEGMENTATION -> ModelSignature.of(new TensorSignature("image", 3), new TensorSignature("person_logits", 1));
            case MASK_COMPLETION -> ModelSignature.of(new TensorSignature("image_and_visible", 4),
                    new TensorSignature("amodal_logits", 1));
            case CONTENT_RECOVERY -> ModelSignature.of(new TensorSignature("image_and_masks", PConvUNet.INPUT_CHANNELS),
                    new TensorSignature("rgb", PConvUNet.OUTPUT_CHANNELS));
        };
    }

    /** The engine's own network for a stage, named when a TorchScript card stands in for it. */
    private static String nativeDefault(Stage stage) {
        return switch (stage) {
            case SEGMENTATION -> UNetBackbone.NAME;
            case MASK_COMPLETION -> StackedMaskBackbone.NAME;
            case CONTENT_RECOVERY -> PConvUNetBackbone.PGA_NAME;
        };
    }

    /** A stage as model cards spell it, e.g. {@code mask-completion}. */
    static String cardName(Stage stage) {
        return ModelCard.stageName(stage);
    }
}
