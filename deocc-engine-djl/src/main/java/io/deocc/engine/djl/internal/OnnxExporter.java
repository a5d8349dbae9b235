package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.io.AtomicFiles;
import io.deocc.engine.djl.internal.OnnxGraph.Value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Writes an initialised block tree as an ONNX model (opset {@value #OPSET}, dynamic batch, weights as
 * initializers, batch norms folded into their convolutions) with string metadata, through
 * {@link OnnxBlockWriter}. The spatial size is the one exported: ONNX graphs of the engine's networks
 * run at that height and width (the autoencoders cannot run at any other; the pose prior's resized
 * masks are constants of that size).
 *
 * <p>Input and output names depend on the network: {@code input} (+ {@code visible_parsing},
 * {@code amodal_parsing} for PConv with attention); {@code output}, or the stacked network's
 * {@code visible_parsing, refined_visible, amodal_parsing, amodal} (plain: {@code refined_visible,
 * amodal}), or a VAE's {@code output, latent_mean, latent_log_variance}. Other blocks get
 * {@code input_i} / {@code output_i}.
 */
public final class OnnxExporter {
    /** The ONNX operator set the graphs use. */
    public static final int OPSET = 17;
    // the IR version that introduced opset 17
    private static final long IR_VERSION = 8;
    private static final String PRODUCER = "deocc";

    private OnnxExporter() {
    }

    /** What was written. */
    public record Exported(List<String> inputs, List<String> outputs, int nodes, int foldedBatchNorms, long bytes) {
    }

    /**
     * Exports {@code block} at {@code inputShapes} (batch included; the batch becomes dynamic) to {@code out},
     * replacing it atomically.
     *
     * @param keepParameters write every parameter unchanged, as an initializer named by its path in
     *     {@code block.getParameters()}, and fold no batch norm, so that the DJL engine can load the weights
     *     back from the file; false folds batch norms into the convolutions before them
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for null or missing arguments, an uninitialised block
     *     or a block type that cannot be exported yet; the block's own {@code SIZE_MISMATCH} for shapes it
     *     rejects; {@code IO_FAILURE} when the file cannot be written
     */
    public static Exported write(Block block, Shape[] inputShapes, Map<String, String> metadata, Path out,
            boolean keepParameters) {
        DeoccException.checkNotNull(block, "block");
        DeoccException.checkNotNull(inputShapes, "inputShapes");
        DeoccException.checkNotNull(metadata, "metadata");
        DeoccException.checkNotNull(out, "out");
        DeoccException.checkArgument(inputShapes.length > 0,
                "no input shapes were given: pass one shape per network input, e.g. new Shape(1, 4, 64, 64)");
        for (Shape shape : inputShapes) {
            DeoccException.checkNotNull(shape, "inputShapes[i]");
            DeoccException.checkArgument(shape.dimension() >= 1 && shape.get(0) >= 1,
                    "input shape " + shape + " has no batch dimension: give N x C x H x W with N >= 1");
        }
        DeoccException.checkArgument(block.isInitialized() && !block.getParameters().isEmpty(),
                "the block is not initialised (or has no parameters), so it has no weights to export: initialise it"
                        + " or load its weights first");
        List<String> inputNames = inputNames(block, inputShapes.length);
        // the block's own checks (channels, size rules, an autoencoder's fixed size) with its own messages
        Shape[] expectedOutputs = block.getOutputShapes(inputShapes);
        List<String> outputNames = outputNames(block, expectedOutputs.length);

        OnnxGraph graph = new OnnxGraph(block.getClass().getSimpleName());
        List<Value> inputs = new ArrayList<>();
        for (int i = 0; i < inputShapes.length; i++) {
            inputs.add(graph.input(inputNames.get(i), inputShapes[i]));
        }
        List<Value> outputs;
        int folded;
        NDManager parameterManager = block.getParameters().get(0).getValue().getArray().getManager();
        try (NDManager scratch = parameterManager.newSubManager()) {
            Map<Parameter, String> parameterNames = null;
            if (keepParameters) {
                parameterNames = new IdentityHashMap<>();
                for (Pair<String, Parameter> parameter : block.getParameters()) {
                    parameterNames.put(parameter.getValue(), parameter.getKey());
                }
            }
            OnnxBlockWriter writer = new OnnxBlockWriter(graph, scratch, parameterNames);
            outputs = writer.emit(block, inputs);
            folded = writer.foldedBatchNorms();
        }
        checkOutputs(block, expectedOutputs, outputs);
        for (int i = 0; i < outputs.size(); i++) {
            graph.output(outputNames.get(i), outputs.get(i));
        }

        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(PRODUCER)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build());
        metadata.forEach((key, value) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        byte[] bytes = model.build().toByteArray();
        AtomicFiles.write(out, stream -> stream.write(bytes));
        return new Exported(inputNames, outputNames, graph.nodeCount(), folded, bytes.length);
    }

    private static void checkOutputs(Block block, Shape[] expected, List<Value> outputs) {
        boolean same = expected.length == outputs.size();
        for (int i = 0; same && i < expected.length; i++) {
            same = Arrays.equals(expected[i].getShape(), outputs.get(i).dims());
        }
        if (!same) {
            List<String> written = outputs.stream().map(v -> Arrays.toString(v.dims())).toList();
            throw new DeoccException(ErrorCode.INTERNAL, "the ONNX graph of " + block.getClass().getSimpleName()
                    + " gives outputs " + written + " but the block gives " + Arrays.toString(expected)
                    + ": the exporter is out of step with the block; update OnnxBlockWriter");
        }
    }

    private static List<String> inputNames(Block block, int count) {
        List<String> names;
        if (block instanceof PConvUNet pconv && pconv.withPga()) {
            names = List.of("input", "visible_parsing", "amodal_parsing");
        } else if (block instanceof PConvUNet || block instanceof UNetBlock || block instanceof StackedMaskNetwork
                || block instanceof AutoencoderBlock) {
            names = List.of("input");
        } else {
            return numbered("input", count);
        }
        DeoccException.checkArgument(names.size() == count, block.getClass().getSimpleName() + " takes "
                + names.size() + " inputs " + names + " but " + count + " shapes were given: pass one shape per input");
        return names;
    }

    private static List<String> outputNames(Block block, int count) {
        List<String> names;
        if (block instanceof StackedMaskNetwork stacked) {
            names = stacked.guided() ? List.of("visible_parsing", "refined_visible", "amodal_parsing", "amodal")
                    : List.of("refined_visible", "amodal");
        } else if (block instanceof AutoencoderBlock autoencoder && autoencoder.variational()) {
            names = List.of("output", "latent_mean", "latent_log_variance");
        } else if (count == 1) {
            names = List.of("output");
        } else {
            names = numbered("output", count);
        }
        if (names.size() != count) {
            throw new DeoccException(ErrorCode.INTERNAL, block.getClass().getSimpleName() + " has " + count
                    + " outputs but the exporter names " + names + ": update OnnxExporter");
        }
        return names;
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "_" + i);
        }
        return names;
    }
}
