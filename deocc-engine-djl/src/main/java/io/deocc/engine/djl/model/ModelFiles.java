package io.deocc.engine.djl.model;

import io.deocc.model.ModelCard;
import io.deocc.model.WeightsFiles;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.io.AtomicFiles;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.engine.djl.backbone.Backbones;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads a network as a pair of files in one folder: {@code <name>.params} (DJL's parameter
 * format) and {@code <name>.card.json} (a {@link ModelCard} with the weights' SHA-256).
 *
 * <p>Loading trusts nothing: the weights must hash to the card's SHA-256 before they are parsed, the
 * card must name the backbone the caller asked for, and every loaded parameter must have the shape
 * the card's spec builds; each failure is a {@code MODEL_INVALID} naming the file and the fix.
 *
 * <p>A user's TorchScript network loads through the same path: its card names the backbone
 * {@link ModelCard#TORCHSCRIPT}, a {@code .pt} file and a {@link ModelSignature}. A caller states with an
 * {@link ExpectedModel} which signature it can run; the network is then loaded with libtorch (offline,
 * through the already loaded PyTorch engine) and probed once: a forward pass on zeros of the declared
 * input shapes at batch 1 must return exactly the declared outputs.
 */
public final class ModelFiles {
    /** Suffix of the weights file. */
    public static final String PARAMS_SUFFIX = ModelCard.PARAMS_SUFFIX;
    /** Suffix of the card file. */
    public static final String CARD_SUFFIX = ModelCard.CARD_SUFFIX;

    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,119}");
    private static final int BATCH_FOR_SHAPES = 1;

    private ModelFiles() {
    }

    /**
     * Writes {@code dir/<name>.params} and then {@code dir/<name>.card.json}, each atomically; the card
     * is written last, so a card on disk always has complete weights beside it.
     *
     * @param block an initialised block built from {@code card}'s backbone and spec
     * @param card the card to store; its weights file and hash (if any) are replaced
     * @return the card as written, with the weights file name and SHA-256 filled in
     */
    public static ModelCard save(Path dir, String name, Block block, ModelCard card) {
        DeoccException.checkNotNull(dir, "dir");
        DeoccException.checkNotNull(name, "name");
        DeoccException.checkNotNull(block, "block");
        DeoccException.checkNotNull(card, "card");
        DeoccException.checkArgument(NAME.matcher(name).matches() && !name.contains(".."), "model name '" + name
                + "' is not a plain file name: use letters, digits, '.', '_' and '-' (at most 120), e.g. 'mask-unet-w1'");
        DeoccException.checkArgument(block.isInitialized(), "the block to save is not initialised: initialise it"
                + " (or train it) before saving, otherwise there are no parameters to write");
        Path weights = dir.resolve(name + PARAMS_SUFFIX);
        MessageDigest digest = WeightsFiles.sha256();
        AtomicFiles.write(weights, out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(out, digest)));
            block.saveParameters(data);
            data.flush();
        });
        ModelCard saved = card.withWeights(weights.getFileName().toString(), HexFormat.of().formatHex(digest.digest()));
        Path cardFile = dir.resolve(name + CARD_SUFFIX);
        AtomicFiles.writeString(cardFile, saved.toJson());
        LOG.info("saved model {} ({} {} on {}) to {}", name, saved.stage(), saved.backbone(), saved.spec(), cardFile);
        return saved;
    }

    /**
     * Reads a card, verifies its weights and rebuilds the network with the weights loaded.
     *
     * @param cardFile the {@code <name>.card.json}; the weights file it names must lie beside it
     * @param backbone the backbone the caller expects, e.g. {@code unet}; the card must name the same (a
     *        TorchScript card is refused; {@code torchscript} itself takes any TorchScript card, see
     *        {@link #load(Path, ExpectedModel, Backbones, NDManager)})
     * @param backbones the engine's backbones (see {@code DjlEngine.backbones()})
     * @param manager the manager the parameters are attached to; the caller closes it
     * @throws DeoccException {@code FILE_NOT_FOUND} for a missing card or weights file;
     *         {@code MODEL_INVALID} for a malformed card, a hash mismatch, another backbone or
     *         weights that do not fit the card's spec
     */
    public static LoadedModel load(Path cardFile, String backbone, Backbones backbones, NDManager manager) {
        DeoccException.checkNotNull(backbone, "backbone");
        // the name 'torchscript' asks for any TorchScript card; any other name for that native backbone only
        return load(cardFile, ExpectedModel.nativeOnly(backbone), backbones, manager);
    }

    /**
     * Reads a card and loads the network it describes, if the caller can run it: a native card for
     * {@code expected.backbone()} is rebuilt as {@link #load(Path, String, Backbones, NDManager)} does; a
     * TorchScript card is taken when {@code expected} accepts its signature, loaded with libtorch and
     * probed (one forward pass on zeros of the signature's inputs at batch 1 and the card's input size;
     * the number of outputs and each output's shape must be the declared ones).
     *
     * <p>Either way {@link LoadedModel#block()} is a DJL {@code Block} forwarded with
     * {@code block.forward(parameterStore, inputs, false)}; for TorchScript it is DJL's symbol block,
     * attached to {@code manager} and freed when that closes. A TorchScript network takes its inputs in the
     * signature's order, unnamed, and returns one tensor or a tuple of tensors.
     *
     * @param cardFile the {@code <name>.card.json}; the weights file it names must lie beside it
     * @param expected what the caller runs, e.g. {@code ExpectedModel.nativeOrTorchScript("unet", signature)}
     * @param backbones the engine's backbones (see {@code DjlEngine.backbones()})
     * @param manager the manager the network lives in (a PyTorch-engine manager); the caller closes it
     * @throws DeoccException {@code FILE_NOT_FOUND} for a missing card or weights file;
     *         {@code MODEL_INVALID} for a malformed card, a card the caller cannot run, a hash mismatch,
     *         weights that do not fit the card, a file libtorch cannot read, or a TorchScript network
     *         whose probe does not return the card's signature (the message gives both and the fix)
     */
    public static LoadedModel load(Path cardFile, ExpectedModel expected, Backbones backbones, NDManager manager) {
        DeoccException.checkNotNull(cardFile, "cardFile");
        DeoccException.checkNotNull(expected, "expected");
        DeoccException.checkNotNull(backbones, "backbones");
        DeoccException.checkNotNull(manager, "manager");
        ModelCard card = ModelCard.read(cardFile);
        if (card.isOnnx()) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' describes a foreign ONNX"
                    + " network, which the DJL engine cannot run: use the ONNX Runtime engine's components (onnx-mask,"
                    + " onnx-content, onnx-segmenter)");
        }
        expected.check(card, cardFile);
        if (card.isTorchScript()) {
            return TorchScriptFiles.load(cardFile, card, manager);
        }
        return loadNative(cardFile, card, backbones, manager);
    }

    /**
     * Writes the card of a user's TorchScript file: {@code <stem>.card.json} beside {@code ptFile}, with
     * the file's name and SHA-256 filled in, atomically. Nothing is loaded or probed here; {@link #load}
     * does that.
     *
     * @param ptFile the {@code .pt} file {@code torch.jit.save} wrote
     * @param card a TorchScript card, e.g. from {@link ModelCard#unsavedTorchScript}
     * @return the card as written
     */
    public static ModelCard writeTorchScriptCard(Path ptFile, ModelCard card) {
        DeoccException.checkNotNull(ptFile, "ptFile");
        DeoccException.checkNotNull(card, "card");
        DeoccException.checkArgument(card.isTorchScript(), "the card is for backbone '" + card.backbone()
                + "': writeTorchScriptCard writes cards for backbone 'torchscript'; use save for native networks");
        Path name = ptFile.getFileName();
        DeoccException.checkArgument(name != null && name.toString().endsWith(ModelCard.TORCHSCRIPT_SUFFIX),
                "'" + ptFile + "' is not a .pt file: give the file torch.jit.save wrote");
        if (!Files.isRegularFile(ptFile)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "TorchScript file '" + ptFile + "' does not exist:"
                    + " check the path");
        }
        String file = name.toString();
        ModelCard saved = card.withWeights(file, WeightsFiles.hash(ptFile));
        String stem = file.substring(0, file.length() - ModelCard.TORCHSCRIPT_SUFFIX.length());
        AtomicFiles.writeString(ptFile.toAbsolutePath().resolveSibling(stem + CARD_SUFFIX), saved.toJson());
        return saved;
    }

    private static LoadedModel loadNative(Path cardFile, ModelCard card, Backbones backbones, NDManager manager) {
        Backbone factory = backbones.get(card.backbone());
        int multiple = factory.sizeMultiple(card.spec());
        if (card.inputSize() % multiple != 0) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "': field 'input-size' is "
                    + card.inputSize() + " but backbone '" + card.backbone() + "' with depth " + card.spec().depth()
                    + " needs a multiple of " + multiple + ": fix the card's input-size or depth");
        }
        Path weights = WeightsFiles.verified(cardFile, card);
        Block block = factory.build(card.spec());
        block.initialize(manager, DataType.FLOAT32,
                factory.inputShapes(card.spec(), BATCH_FOR_SHAPES, card.inputSize(), card.inputSize()));
        Map<String, Shape> expected = new LinkedHashMap<>();
        List<NDArray> initialArrays = new ArrayList<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            expected.put(parameter.getKey(), parameter.getValue().getArray().getShape());
            initialArrays.add(parameter.getValue().getArray());
        }
        boolean loaded = false;
        try {
            if (card.weightsFile().endsWith(ModelCard.ONNX_SUFFIX)) {
                OnnxParameters.read(block, weights, cardFile, card);
            } else {
                readParameters(block, weights, cardFile, card, manager);
            }
            checkShapes(block, expected, weights, cardFile, card);
            loaded = true;
        } finally {
            // loading replaces the parameters' arrays: free the initial ones the block no longer holds,
            // and after a failure everything, so a failed load leaves nothing in the caller's manager
            Set<NDArray> current = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                if (parameter.getValue().isInitialized()) {
                    current.add(parameter.getValue().getArray());
                }
            }
            Set<NDArray> toClose = Collections.newSetFromMap(new IdentityHashMap<>());
            for (NDArray array : initialArrays) {
                if (!loaded || !current.contains(array)) {
                    toClose.add(array);
                }
            }
            if (!loaded) {
                toClose.addAll(current);
            }
            toClose.forEach(NDArray::close);
        }
        LOG.info("loaded model {} ({} {} on {}, {} parameters)", cardFile, card.stage(), card.backbone(),
                card.spec(), expected.size());
        return new LoadedModel(card, block);
    }

    private static void readParameters(Block block, Path weights, Path cardFile, ModelCard card, NDManager manager) {
        MessageDigest digest = WeightsFiles.sha256();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new DigestInputStream(Files.newInputStream(weights), digest)))) {
            block.loadParameters(manager, in);
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "weights '" + weights + "' hold " + extra
                        + " more bytes than the network of model card '" + cardFile + "' (" + describe(card)
                        + ") reads: the weights were saved from a larger network; the card's depth or width likely"
                        + " differ from the trained ones; use the card exported with these weights");
            }
        } catch (EOFException e) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "weights '" + weights + "' end before the network of model"
                    + " card '" + cardFile + "' (" + describe(card) + ") has all its parameters: the file is truncated or"
                    + " was saved from a smaller network (the card's depth or width likely differ); re-export or"
                    + " re-download the pair", e);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof DeoccException deocc) {
                throw deocc;
            }
            throw new DeoccException(ErrorCode.MODEL_INVALID, "weights '" + weights + "' do not fit the network of model"
                    + " card '" + cardFile + "' (" + describe(card) + "): " + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "; the card's depth, width or channels likely differ from the trained network;"
                    + " use the card exported with these weights", e);
        }
        // the bytes parsed are the bytes hashed: guards against the file changing between check and read
        String parsed = HexFormat.of().formatHex(digest.digest());
        if (!parsed.equals(card.weightsSha256())) {
            throw WeightsFiles.mismatch(weights, cardFile, parsed, card.weightsSha256());
        }
    }

    private static void checkShapes(Block block, Map<String, Shape> expected, Path weights, Path cardFile,
            ModelCard card) {
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            Shape want = expected.get(parameter.getKey());
            Parameter value = parameter.getValue();
            Shape got = value.isInitialized() ? value.getArray().getShape() : null;
            if (got == null || !got.equals(want)) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "weights '" + weights + "' hold parameter '"
                        + parameter.getKey() + "' with shape " + (got == null ? "none" : got) + " but the network of"
                        + " model card '" + cardFile + "' (" + describe(card) + ") needs " + want + ": the card's width"
                        + " or depth likely differs from the trained network; use the card exported with these weights");
            }
            DataType type = value.getArray().getDataType();
            if (type != DataType.FLOAT32) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "weights '" + weights + "' hold parameter '"
                        + parameter.getKey() + "' as " + type + ": deocc networks use float32; re-export the weights");
            }
        }
    }

    /** Short text for messages, e.g. {@code unet, input-channels 4, output-channels 1, depth 2, width 1}. */
    private static String describe(ModelCard card) {
        return card.backbone() + ", input-channels " + card.spec().inputChannels() + ", output-channels "
                + card.spec().outputChannels() + ", depth " + card.spec().depth() + ", width " + card.spec().width();
    }
}
