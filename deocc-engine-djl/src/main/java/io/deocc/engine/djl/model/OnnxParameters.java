package io.deocc.engine.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.model.ModelCard;
import io.deocc.model.WeightsFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a native network's parameters from an ONNX file that {@code deocc export --keep-parameters}
 * wrote: every DJL parameter is an initializer named by its path in {@code block.getParameters()}, its
 * values unchanged. This lets the shipped models be one ONNX file each, read by both engines.
 */
final class OnnxParameters {
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    private static final long MAX_BYTES = 1L << 30;

    private OnnxParameters() {
    }

    /**
     * Sets every parameter of the initialised {@code block} from the file, after checking the bytes read
     * against the card's SHA-256.
     *
     * @throws DeoccException {@code MODEL_INVALID} for a hash mismatch, a file that is not ONNX, or a
     *     parameter the file lacks or holds in another size; {@code IO_FAILURE} when it cannot be read
     */
    static void read(Block block, Path file, Path cardFile, ModelCard card) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "model '" + file + "' is larger than " + MAX_BYTES
                        + " bytes: give a smaller model");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read '" + file + "' (" + e + "): check the file's"
                    + " permissions", e);
        }
        // the bytes parsed are the bytes hashed
        String actual = WeightsFiles.hash(bytes);
        if (!actual.equals(card.weightsSha256())) {
            throw WeightsFiles.mismatch(file, cardFile, actual, card.weightsSha256());
        }
        Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
        try {
            for (OnnxMl.TensorProto tensor : OnnxMl.ModelProto.parseFrom(bytes).getGraph().getInitializerList()) {
                initializers.put(tensor.getName(), tensor);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "'" + file + "' named by card '" + cardFile
                    + "' is not an ONNX model (" + e.getMessage() + "): export the pair again", e);
        }
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            OnnxMl.TensorProto tensor = initializers.get(parameter.getKey());
            NDArray array = parameter.getValue().getArray();
            if (tensor == null) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "ONNX model '" + file + "' has no initializer '"
                        + parameter.getKey() + "': it was exported with batch norms folded, so the DJL engine cannot"
                        + " rebuild its parameters; export it again with 'deocc export --keep-parameters', or run it"
                        + " with the ONNX Runtime engine (--engine onnx)");
            }
            float[] values = floats(tensor, file);
            if (values.length != array.getShape().size()) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "ONNX model '" + file + "' holds " + values.length
                        + " values for parameter '" + parameter.getKey() + "' but the network of card '" + cardFile
                        + "' needs " + array.getShape() + ": use the card exported with this file");
            }
            array.set(values);
        }
    }

    private static float[] floats(OnnxMl.TensorProto tensor, Path file) {
        if (tensor.getDataType() != FLOAT) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "initializer '" + tensor.getName() + "' of '" + file
                    + "' is not float32: deocc networks use float32; export the model again");
        }
        if (!tensor.getRawData().isEmpty()) {
            ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[raw.remaining() / Float.BYTES];
            raw.asFloatBuffer().get(values);
            return values;
        }
        float[] values = new float[tensor.getFloatDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.getFloatData(i);
        }
        return values;
    }
}
