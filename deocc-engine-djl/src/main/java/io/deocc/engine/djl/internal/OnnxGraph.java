package io.deocc.engine.djl.internal;

import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph under construction, built with the ONNX protobuf classes: values with their shapes,
 * nodes, and initializers for weights and constants. Every value's shape is tracked with the export's
 * batch size at index 0 so that emitters know the static sizes (channels, height, width); in the
 * written graph the batch of inputs and outputs is the symbolic dimension {@value #BATCH}, and no node
 * bakes the batch size in (reshapes copy it with 0, resizes read it with Shape).
 */
final class OnnxGraph {
    /** The symbolic name of the batch dimension of inputs and outputs. */
    static final String BATCH = "N";

    private static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
    private static final int INT64 = TensorProto.DataType.INT64.getNumber();

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    // shape constants repeat often (axes, reshape targets): one initializer each
    private final Map<String, Value> int64Constants = new HashMap<>();
    private final Map<Float, Value> floatScalars = new HashMap<>();
    private int counter;
    private int nodes;

    /** A tensor of the graph: its name and its shape at the export's batch size. */
    record Value(String name, long[] dims) {
        long dim(int axis) {
            return dims[axis];
        }

        int rank() {
            return dims.length;
        }

        Shape shape() {
            return new Shape(dims);
        }
    }

    private final java.util.Map<String, Value> named = new java.util.HashMap<>();

    OnnxGraph(String name) {
        graph.setName(name);
    }

    int nodeCount() {
        return nodes;
    }

    /** A graph input whose first dimension is the symbolic batch. */
    Value input(String name, Shape shape) {
        graph.addInput(valueInfo(name, shape.getShape()));
        return new Value(name, shape.getShape());
    }

    /** Names {@code value} as a graph output (through an Identity node, so any value can be an output). */
    void output(String name, Value value) {
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name + "_output")
                .addInput(value.name()).addOutput(name));
        nodes++;
        graph.addOutput(valueInfo(name, value.dims()));
    }

    /** Adds a node with one output of the given shape. */
    Value op(String opType, long[] outputDims, List<Value> inputs, AttributeProto... attributes) {
        String output = opType.toLowerCase() + "_" + (counter++);
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(output).addOutput(output);
        for (Value input : inputs) {
            // null stands for an optional input left out (e.g. Resize's roi and scales)
            node.addInput(input == null ? "" : input.name());
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        nodes++;
        return new Value(output, outputDims.clone());
    }

    /** A node whose output has the shape of its first input (element-wise operations). */
    Value same(String opType, Value first, Value... others) {
        List<Value> inputs = new ArrayList<>();
        inputs.add(first);
        inputs.addAll(Arrays.asList(others));
        return op(opType, first.dims(), inputs);
    }

    /** A float initializer (weights). */
    Value floats(String hint, float[] data, long... dims) {
        return initializer(hint + "_" + (counter++), data, dims);
    }

    /**
     * A float initializer with exactly this name (e.g. a parameter's path); asking again for the same name
     * returns the first one, so a parameter used twice is stored once.
     */
    Value namedFloats(String name, float[] data, long... dims) {
        Value existing = named.get(name);
        if (existing != null) {
            return existing;
        }
        Value value = initializer(name, data, dims);
        named.put(name, value);
        return value;
    }

    private Value initializer(String name, float[] data, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return new Value(name, dims.clone());
    }

    /** A 0-dimensional float constant, broadcast by element-wise operations. */
    Value scalar(float value) {
        return floatScalars.computeIfAbsent(value, v -> floats("const", new float[] {v}));
    }

    /** A 1-dimensional int64 constant (axes, shapes, slice bounds). */
    Value int64s(long... values) {
        return int64Constants.computeIfAbsent(Arrays.toString(values), key -> {
            String name = "ints_" + (counter++);
            TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(INT64).addDims(values.length);
            for (long value : values) {
                tensor.addInt64Data(value);
            }
            graph.addInitializer(tensor);
            return new Value(name, new long[] {values.length});
        });
    }

    GraphProto build() {
        return graph.build();
    }

    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto attribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto attribute(String name, long[] values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    private static ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (i == 0) {
                dim.setDimParam(BATCH);
            } else {
                dim.setDimValue(dims[i]);
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape)))
                .build();
    }
}
