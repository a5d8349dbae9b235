package io.deocc.engine.onnx.internal;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.deocc.api.network.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hand-built YOLO segmentation outputs and ONNX models that give them: S = 64, prototypes 16×16, C = 2
 * classes (0 = person, 1 = something else), M = 2 prototypes — prototype 0 is 1 everywhere, prototype 1 is
 * +1 on the left half (columns 0..7) and −1 on the right half, so a coefficient vector picks a whole box
 * ({@code [10, 0]}), its left part ({@code [0, 10]}), its right part ({@code [0, -10]}) or nothing
 * ({@code [-10, 0]}).
 */
final class YoloTestModels {
    static final int SIZE = 64;
    static final int PROTO = 16;
    static final int CLASSES = 2;
    static final int MASKS = 2;
    static final float[] WHOLE_BOX = {10, 0};
    static final float[] LEFT_PART = {0, 10};
    static final float[] RIGHT_PART = {0, -10};
    static final float[] NOTHING = {-10, 0};

    private YoloTestModels() {
    }

    /** One anchor of the hand-built detections. */
    record Anchor(float cx, float cy, float w, float h, float personScore, float otherScore, float[] coefficients) {
    }

    /**
     * The end-to-end model's anchors. On a 128×64 image (letterbox origin (0, −32), 2 image pixels per grid
     * pixel) anchor 0 is the person in image box (16, 8, 32×48) and anchor 2 the one in (84, 12, 24×40);
     * anchor 1 overlaps anchor 0 with a lower score (suppressed), anchors 3 and 5 are best scored as the
     * other class, anchor 4 is below the score threshold, and anchor 6's mask is empty.
     */
    static List<Anchor> scene() {
        return List.of(
                new Anchor(16, 32, 16, 24, 0.9f, 0.05f, WHOLE_BOX),
                new Anchor(17, 32, 16, 24, 0.8f, 0.05f, WHOLE_BOX),
                new Anchor(48, 32, 12, 20, 0.7f, 0.1f, RIGHT_PART),
                new Anchor(48, 30, 10, 10, 0.1f, 0.95f, WHOLE_BOX),
                new Anchor(10, 10, 6, 6, 0.2f, 0f, WHOLE_BOX),
                new Anchor(32, 50, 10, 8, 0.6f, 0.9f, WHOLE_BOX),
                new Anchor(32, 20, 8, 8, 0.5f, 0f, NOTHING));
    }

    /** 1×(4+2+2)×A detections, anchors as columns. */
    static FloatTensor detections(List<Anchor> anchors) {
        int count = anchors.size();
        int rows = YoloDecoder.BOX_VALUES + CLASSES + MASKS;
        float[] values = new float[rows * count];
        for (int a = 0; a < count; a++) {
            Anchor anchor = anchors.get(a);
            float[] column = {anchor.cx(), anchor.cy(), anchor.w(), anchor.h(), anchor.personScore(), anchor.otherScore(),
                    anchor.coefficients()[0], anchor.coefficients()[1]};
            for (int r = 0; r < rows; r++) {
                values[r * count + a] = column[r];
            }
        }
        return FloatTensor.of(values, 1, rows, count);
    }

    /** 1×2×16×16 prototypes as described above. */
    static FloatTensor prototypes() {
        int plane = PROTO * PROTO;
        float[] values = new float[MASKS * plane];
        for (int i = 0; i < plane; i++) {
            values[i] = 1;
            values[plane + i] = i % PROTO < PROTO / 2 ? 1 : -1;
        }
        return FloatTensor.of(values, 1, MASKS, PROTO, PROTO);
    }

    /** A declared graph output with the constant it gives. */
    record Output(String name, FloatTensor value, long[] declaredDims) {
        /** Declared with a symbolic batch and the value's other dimensions. */
        static Output of(String name, FloatTensor value) {
            long[] dims = value.shape();
            dims[0] = -1;
            return new Output(name, value, dims);
        }
    }

    /** The end-to-end model: input {@code images} [N,3,64,64], outputs {@code output0} (detections), {@code output1}. */
    static byte[] sceneModel() {
        return model("images", new long[] {-1, 3, SIZE, SIZE},
                List.of(Output.of("output0", detections(scene())), Output.of("output1", prototypes())));
    }

    /**
     * An opset-17 model whose outputs are constants plus 0 × ReduceMean(input): valid, and the outputs still
     * depend on the input so that no runtime can drop it.
     *
     * @param inputDims −1 for a symbolic dimension
     */
    static byte[] model(String inputName, long[] inputDims, List<Output> outputs) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("yolo-test");
        graph.addInput(valueInfo(inputName, inputDims));
        graph.addInitializer(floats("zero", new float[] {0}));
        graph.addNode(NodeProto.newBuilder().setOpType("ReduceMean").setName("mean").addInput(inputName).addOutput("mean")
                .addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0)));
        graph.addNode(NodeProto.newBuilder().setOpType("Mul").setName("nothing").addInput("mean").addInput("zero")
                .addOutput("nothing"));
        for (Output output : outputs) {
            String constant = output.name() + "_value";
            graph.addInitializer(floats(constant, output.value().copyValues(), output.value().shape()));
            graph.addNode(NodeProto.newBuilder().setOpType("Add").setName(output.name() + "_add").addInput(constant)
                    .addInput("nothing").addOutput(output.name()));
            graph.addOutput(valueInfo(output.name(), output.declaredDims()));
        }
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("deocc-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build().toByteArray();
    }

    /** Writes bytes to {@code dir/name}. */
    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TensorProto floats(String name, float[] data, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(GraphSignature.FLOAT)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    private static ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(dim < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("d" + shape.getDimCount())
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(GraphSignature.FLOAT).setShape(shape))).build();
    }
}
