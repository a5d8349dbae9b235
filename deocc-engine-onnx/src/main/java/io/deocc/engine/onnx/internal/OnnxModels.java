package io.deocc.engine.onnx.internal;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Stage;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.model.ModelCard;
import io.deocc.model.ShippedModels;
import io.deocc.model.TensorSignature;
import io.deocc.model.WeightsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finding, checking and opening the ONNX model behind a component: one implementation for the engine's
 * segmenter, completer and recoverer.
 *
 * <p>A card is checked before ONNX Runtime sees a byte: its stage; its weights file, an {@code .onnx}
 * beside it whose SHA-256 is the card's (the bytes hashed are the bytes loaded); and the graph's declared
 * inputs and outputs against what the card promises — for a network {@code deocc export} wrote, the
 * layout bound to its backbone ({@link LayoutModule}); for a foreign card ({@code "backbone": "onnx"}),
 * the card's {@code signature}, which must in turn suit the stage. Every mismatch fails with the expected
 * and the actual signature.
 */
final class OnnxModels {
    /** Largest model file read into memory. */
    static final long MAX_MODEL_BYTES = 1L << 30;

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModels.class);
    private static final Map<String, ExportedLayout> LAYOUTS = Guice.createInjector(new LayoutModule())
            .getInstance(Key.get(new TypeLiteral<Map<String, ExportedLayout>>() { }));

    private OnnxModels() {
    }

    /** The backbones whose exported graphs this engine runs. */
    static java.util.Set<String> backbones() {
        return new TreeSet<>(LAYOUTS.keySet());
    }

    /**
     * The shipped card of that file name when it describes an ONNX model (the models folder may hold cards
     * whose weights only the DJL engine reads).
     */
    static java.util.Optional<Path> shipped(String cardFileName) {
        return ShippedModels.find(cardFileName).filter(card -> {
            try {
                return ModelCard.read(card).weightsFile().endsWith(ModelCard.ONNX_SUFFIX);
            } catch (DeoccException e) {
                return false;
            }
        });
    }

    /** A checked model: its card and an open session. */
    record Opened(ModelCard card, OnnxSession session) {
    }

    /**
     * Reads and checks the card, verifies and reads the model file, checks its signature and opens a session.
     *
     * @throws DeoccException {@code FILE_NOT_FOUND} for a missing card or model; {@code MODEL_INVALID} for a
     *     card of another stage, a model that is not ONNX, a hash or signature mismatch; {@code NATIVE_LIBRARY}
     *     when ONNX Runtime cannot load
     */
    static Opened open(Path cardFile, Stage stage, String component, SessionSettings settings) {
        ModelCard card = ModelCard.read(cardFile);
        if (card.stage() != stage) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' is for stage "
                    + ModelCard.stageName(card.stage()) + " but component '" + component + "' serves " + ModelCard.stageName(stage)
                    + ": give a card made for " + ModelCard.stageName(stage) + ", or pick the component made for this card");
        }
        if (!card.weightsFile().endsWith(ModelCard.ONNX_SUFFIX)) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' names weights '"
                    + card.weightsFile() + "', not an ONNX model: export it with 'deocc export --model " + cardFile
                    + " --format onnx -o <name>.onnx' and give the card written beside the .onnx file");
        }
        List<Port> inputs;
        List<Port> outputs;
        if (card.isOnnx()) {
            checkForeignSignature(card, cardFile, stage);
            inputs = ports(card.signature().inputs());
            outputs = ports(card.signature().outputs());
        } else {
            ExportedLayout layout = LAYOUTS.get(card.backbone());
            if (layout == null) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' names backbone '"
                        + card.backbone() + "', which this engine has no exported layout for: give a card for one of "
                        + backbones() + ", or a foreign ONNX card (backbone 'onnx' with a 'signature')");
            }
            inputs = layout.inputs().apply(card.spec());
            outputs = layout.outputs().apply(card.spec());
        }
        Path file = cardFile.toAbsolutePath().resolveSibling(card.weightsFile());
        byte[] bytes = verifiedBytes(file, cardFile, card);
        GraphSignature graph = GraphSignature.read(bytes, file.toString());
        checkGraph(graph, inputs, outputs, file, cardFile);
        OnnxSession session = OnnxSession.open(bytes, graph, settings, file.toString());
        LOG.info("loaded ONNX model {} ({} {}, {} threads, optimisation {})", cardFile, ModelCard.stageName(card.stage()),
                card.backbone(), settings.intraOpThreads(), settings.optimisation().settingName());
        return new Opened(card, session);
    }

    /** The model's bytes, after checking that their SHA-256 is the card's. */
    private static byte[] verifiedBytes(Path file, Path cardFile, ModelCard card) {
        byte[] bytes = read(file, "model '" + file + "' named by card '" + cardFile + "' does not exist: put the .onnx"
                + " file beside its card, or export the pair again");
        String actual = WeightsFiles.hash(bytes);
        if (!actual.equals(card.weightsSha256())) {
            throw WeightsFiles.mismatch(file, cardFile, actual, card.weightsSha256());
        }
        return bytes;
    }

    /**
     * A model file's bytes, read once (so that what is checked is what is loaded), at most {@link #MAX_MODEL_BYTES}.
     *
     * @param missing the message when the file does not exist
     * @throws DeoccException {@code FILE_NOT_FOUND} with {@code missing}; {@code INVALID_CONFIG} for a folder;
     *     {@code MODEL_INVALID} when too large; {@code IO_FAILURE} when unreadable
     */
    static byte[] read(Path file, String missing) {
        if (Files.isDirectory(file)) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "model '" + file + "' is a folder: give the path of the"
                    + " .onnx file in it");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_MODEL_BYTES) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "model '" + file + "' is " + size + " bytes, above"
                        + " the " + MAX_MODEL_BYTES + " this engine reads: give a smaller model");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, missing, e);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read model '" + file + "' (" + e
                    + "): check the file's permissions", e);
        }
    }

    /** A foreign card's signature must be one the stage can feed and read. */
    private static void checkForeignSignature(ModelCard card, Path cardFile, Stage stage) {
        List<TensorSignature> in = card.signature().inputs();
        List<TensorSignature> out = card.signature().outputs();
        String needs = switch (stage) {
            case SEGMENTATION -> in.size() == 1 && in.get(0).channels() == 3 && out.get(0).channels() == 1 ? null
                    : "one input of 3 channels (RGB in [0, 1]) and a first output of 1 channel (person logits)";
            case MASK_COMPLETION -> in.size() == 1 && in.get(0).channels() == 4
                    && (out.get(0).channels() == 1 || out.get(0).channels() == 2) ? null
                    : "one input of 4 channels (RGB in [0, 1] and the visible mask) and a first output of 1 (amodal"
                            + " logits) or 2 (background/person logits) channels";
            case CONTENT_RECOVERY -> (in.size() == 1 || in.size() == 3) && in.get(0).channels() == 5
                    && (in.size() == 1 || in.get(1).channels() == 19 && in.get(2).channels() == 19)
                    && out.get(0).channels() == 3 ? null
                    : "an input of 5 channels (RGB in [-1, 1], visible and amodal masks), optionally followed by the"
                            + " 19-channel visible and amodal parsings, and a first output of 3 channels (RGB in [-1, 1])";
        };
        if (needs != null) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' declares the signature "
                    + card.signature() + ", which stage " + ModelCard.stageName(stage) + " cannot use: it needs " + needs);
        }
    }

    private static List<Port> ports(List<TensorSignature> tensors) {
        return tensors.stream().map(t -> new Port(t.name(), t.channels())).toList();
    }

    /** The graph declares exactly the expected inputs and outputs: names, order, float32 and channels. */
    private static void checkGraph(GraphSignature graph, List<Port> inputs, List<Port> outputs, Path file, Path cardFile) {
        boolean matches = matches(graph.inputs(), inputs) && matches(graph.outputs(), outputs);
        if (!matches) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model '" + file + "' declares " + graph.describe()
                    + " but card '" + cardFile + "' promises " + describe(inputs) + " -> " + describe(outputs)
                    + " (float32, N x C x H x W): give the card made with this model, or describe the model's real"
                    + " inputs and outputs in the card's 'signature'");
        }
    }

    private static boolean matches(List<GraphSignature.Tensor> actual, List<Port> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            GraphSignature.Tensor tensor = actual.get(i);
            Port port = expected.get(i);
            if (!tensor.name().equals(port.name()) || tensor.elementType() != GraphSignature.FLOAT) {
                return false;
            }
            // a symbolic channel dimension (-1) is left to the stages' shape checks at run time
            if (port.channels() != Port.ANY_CHANNELS && tensor.channels() != -1 && tensor.channels() != port.channels()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<Port> ports) {
        return ports.stream().map(Port::describe).collect(Collectors.joining(", ", "(", ")"));
    }
}
