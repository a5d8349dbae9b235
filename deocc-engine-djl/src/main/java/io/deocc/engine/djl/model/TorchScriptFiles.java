package io.deocc.engine.djl.model;

import io.deocc.model.ModelCard;
import io.deocc.model.ModelSignature;
import io.deocc.model.TensorSignature;
import io.deocc.model.WeightsFiles;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads and probes the TorchScript network of a verified-by-name {@link ModelCard}. */
final class TorchScriptFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TorchScriptFiles.class);
    private static final int PROBE_BATCH = 1;
    private static final Pattern CAUSE_LINE = Pattern.compile("[A-Za-z]*Error: ");

    private TorchScriptFiles() {
    }

    static LoadedModel load(Path cardFile, ModelCard card, NDManager manager) {
        if (!(manager instanceof PtNDManager ptManager)) {
            throw DeoccException.invalidArgument("the manager belongs to engine '" + manager.getEngine().getEngineName()
                    + "': TorchScript models load into a PyTorch-engine manager; pass one from DjlEngine.newManager()");
        }
        Path weights = cardFile.toAbsolutePath().resolveSibling(card.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "TorchScript file '" + weights + "' named by model card '"
                    + cardFile + "' does not exist: put the .pt file beside its card, or fix the card's 'weights-file'");
        }
        // hashing first keeps libtorch away from files that are not the card's
        String actual = WeightsFiles.hash(weights);
        if (!actual.equals(card.weightsSha256())) {
            throw WeightsFiles.mismatch(weights, cardFile, actual, card.weightsSha256());
        }
        PtSymbolBlock block = parse(weights, cardFile, card, ptManager);
        boolean probed = false;
        try {
            probe(block, weights, cardFile, card, manager);
            probed = true;
        } finally {
            if (!probed) {
                // frees the native module and detaches it, so a failed load leaves the manager as it was
                block.close();
            }
        }
        LOG.info("loaded TorchScript model {} ({}, {}, {} px)", cardFile, card.stage(), card.signature(),
                card.inputSize());
        return new LoadedModel(card, block);
    }

    private static PtSymbolBlock parse(Path weights, Path cardFile, ModelCard card, PtNDManager manager) {
        MessageDigest digest = WeightsFiles.sha256();
        PtSymbolBlock block;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(weights)), digest)) {
            // libtorch reads the whole stream; mapLocation places the tensors on the manager's device (the CPU)
            block = JniUtils.loadModule(manager, in, true, false);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read TorchScript file '" + weights + "' (" + e
                    + "): check the file's permissions", e);
        } catch (RuntimeException e) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "TorchScript file '" + weights + "' named by model card '"
                    + cardFile + "' is not a TorchScript archive libtorch " + manager.getEngine().getVersion()
                    + " can read (" + firstLine(e) + "): save the network with torch.jit.save(torch.jit.script(model),"
                    + " path) or torch.jit.trace, then write the card's hash anew", e);
        }
        // the bytes parsed are the bytes hashed: guards against the file changing between check and read
        String parsed = HexFormat.of().formatHex(digest.digest());
        if (!parsed.equals(card.weightsSha256())) {
            block.close();
            throw WeightsFiles.mismatch(weights, cardFile, parsed, card.weightsSha256());
        }
        return block;
    }

    private static void probe(PtSymbolBlock block, Path weights, Path cardFile, ModelCard card, NDManager manager) {
        ModelSignature signature = card.signature();
        int size = card.inputSize();
        List<Shape> actual = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        try (NDManager probe = manager.newSubManager()) {
            NDList inputs = new NDList();
            for (TensorSignature input : signature.inputs()) {
                // unnamed on purpose: DJL turns some array names into dictionary or tuple arguments
                inputs.add(probe.zeros(new Shape(PROBE_BATCH, input.channels(), size, size), DataType.FLOAT32));
            }
            NDList outputs;
            try {
                outputs = block.forward(new ParameterStore(probe, false), inputs, false);
            } catch (RuntimeException e) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "TorchScript model '" + weights + "' fails on the"
                        + " inputs model card '" + cardFile + "' declares (" + shapes(signature.inputs(), size)
                        + "; " + firstLine(e) + "): describe the model's real inputs in the card's 'signature' and"
                        + " 'input-size', or re-export the model to take " + signature.inputs(), e);
            }
            for (NDArray output : outputs) {
                actual.add(output.getShape());
                types.add(output.getDataType());
            }
        }
        List<Shape> declared = new ArrayList<>();
        for (TensorSignature output : signature.outputs()) {
            declared.add(new Shape(PROBE_BATCH, output.channels(), size, size));
        }
        if (!declared.equals(actual)) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "TorchScript model '" + weights + "' does not match"
                    + " model card '" + cardFile + "': for inputs " + shapes(signature.inputs(), size) + " the card"
                    + " declares " + declared.size() + " output" + (declared.size() == 1 ? " " : "s ")
                    + shapes(signature.outputs(), size) + " but the model returned " + actual.size() + ": " + actual
                    + "; fix the card's 'signature' (and 'spec') to describe what the model returns, or re-export the"
                    + " model so that it returns " + signature.outputs() + " at " + size + "×" + size);
        }
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) != DataType.FLOAT32) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "TorchScript model '" + weights + "' returns output '"
                        + signature.outputs().get(i).name() + "' as " + types.get(i) + ": deocc reads float32 outputs;"
                        + " re-export the model with float32 outputs");
            }
        }
    }

    /** E.g. {@code [amodal_logits (1, 1, 64, 64)]}. */
    private static String shapes(List<TensorSignature> tensors, int size) {
        List<String> described = new ArrayList<>();
        for (TensorSignature tensor : tensors) {
            described.add(tensor.name() + " " + new Shape(PROBE_BATCH, tensor.channels(), size, size));
        }
        return described.toString();
    }

    /**
     * libtorch's messages carry a C++ or TorchScript trace after the first line; the interpreter's first
     * line is generic, so the last {@code ...Error: ...} line (the Python-style cause) is added when present.
     */
    private static String firstLine(Throwable e) {
        String[] lines = String.valueOf(e.getMessage()).strip().split("\\R");
        String text = lines[0].strip();
        for (int i = lines.length - 1; i > 0; i--) {
            String line = lines[i].strip();
            if (CAUSE_LINE.matcher(line).lookingAt()) {
                text += " " + line;
                break;
            }
        }
        return e.getClass().getSimpleName() + ": " + text;
    }
}
