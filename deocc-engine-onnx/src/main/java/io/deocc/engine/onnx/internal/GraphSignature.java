package io.deocc.engine.onnx.internal;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an ONNX file declares, read from its bytes before a session exists: its graph inputs and outputs
 * (name, element type, dimensions) and its metadata.
 *
 * @param inputs the graph's inputs that are not initializers, in order
 * @param outputs the graph's outputs, in order
 * @param metadata the model's {@code metadata_props}
 */
record GraphSignature(List<Tensor> inputs, List<Tensor> outputs, Map<String, String> metadata) {
    /** ONNX's element type code of float32. */
    static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();

    /**
     * One declared tensor.
     *
     * @param name its name
     * @param elementType ONNX's element type code (1 = float32)
     * @param dims each dimension's size, or −1 when symbolic (e.g. the batch {@code N})
     */
    record Tensor(String name, int elementType, List<Long> dims) {
        /** Text for messages, e.g. {@code input float32[N,4,256,256]}. */
        String describe() {
            return name + " " + typeName(elementType) + dims.stream().map(d -> d < 0 ? "?" : Long.toString(d))
                    .collect(Collectors.joining(",", "[", "]"));
        }

        /** The channel dimension of an N×C×H×W tensor; −1 when unknown or not rank 4. */
        long channels() {
            return dims.size() == 4 ? dims.get(1) : -1;
        }
    }

    GraphSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        metadata = Map.copyOf(metadata);
    }

    /**
     * Parses an ONNX model's declarations.
     *
     * @param source names the file in messages
     * @throws DeoccException {@code MODEL_INVALID} when the bytes are not an ONNX model
     */
    static GraphSignature read(byte[] bytes, String source) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "'" + source + "' is not an ONNX model (" + e.getMessage()
                    + "): give the .onnx file the card names, as torch.onnx.export or deocc export wrote it", e);
        }
        if (!model.hasGraph() || model.getGraph().getOutputCount() == 0) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "'" + source + "' holds no ONNX graph with outputs:"
                    + " the file is truncated or not an ONNX model; re-export it");
        }
        OnnxMl.GraphProto graph = model.getGraph();
        Set<String> initializers = graph.getInitializerList().stream().map(OnnxMl.TensorProto::getName)
                .collect(Collectors.toSet());
        List<Tensor> inputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto value : graph.getInputList()) {
            if (!initializers.contains(value.getName())) {
                inputs.add(tensor(value));
            }
        }
        List<Tensor> outputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto value : graph.getOutputList()) {
            outputs.add(tensor(value));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (OnnxMl.StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        return new GraphSignature(inputs, outputs, metadata);
    }

    private static Tensor tensor(OnnxMl.ValueInfoProto value) {
        if (!value.getType().hasTensorType()) {
            return new Tensor(value.getName(), 0, List.of());
        }
        OnnxMl.TypeProto.Tensor type = value.getType().getTensorType();
        List<Long> dims = new ArrayList<>();
        for (OnnxMl.TensorShapeProto.Dimension dim : type.getShape().getDimList()) {
            dims.add(dim.hasDimValue() ? dim.getDimValue() : -1L);
        }
        return new Tensor(value.getName(), type.getElemType(), dims);
    }

    /** The inputs and outputs as text, e.g. {@code (input float32[?,4,256,256]) -> (output float32[?,1,256,256])}. */
    String describe() {
        return inputs.stream().map(Tensor::describe).collect(Collectors.joining(", ", "(", ")")) + " -> "
                + outputs.stream().map(Tensor::describe).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String typeName(int elementType) {
        OnnxMl.TensorProto.DataType type = OnnxMl.TensorProto.DataType.forNumber(elementType);
        if (type == null) {
            return "type" + elementType;
        }
        return switch (type) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
