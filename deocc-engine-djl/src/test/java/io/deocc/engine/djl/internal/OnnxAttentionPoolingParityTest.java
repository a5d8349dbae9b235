package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The attention's pooled path, which the backbones reach only above 512 px: at 65×66 (4290 positions,
 * over the 4096 cap) the queries, keys and values are average-pooled by 2 with a partial last row
 * (ceil mode, padding left out of the mean) and the results resized back from 33×33 to 65×66 (nearest,
 * a non-integer ratio). ONNX Runtime must agree with libtorch within 1e-4 at two batch sizes.
 */
class OnnxAttentionPoolingParityTest {
    private static final int CHANNELS = 8;
    private static final int HEIGHT = 65;
    private static final int WIDTH = 66;

    private final DjlEngine engine = TestEngine.get();

    @TempDir
    Path dir;

    @Test
    void thePooledAttentionMatchesLibtorch() throws Exception {
        assertEquals(2, ParsingGuidedAttention.poolingFactor(HEIGHT, WIDTH));
        engine.seed(9);
        Shape features = new Shape(1, CHANNELS, HEIGHT, WIDTH);
        Shape parsing = new Shape(1, ParsingGuidedAttention.PARTS, HEIGHT, WIDTH);
        Shape[] shapes = {features, parsing, parsing};
        Path file = dir.resolve("pga.onnx");
        try (NDManager manager = engine.newManager()) {
            ParsingGuidedAttention pga = new ParsingGuidedAttention(CHANNELS);
            pga.initialize(manager, DataType.FLOAT32, shapes);
            OnnxExporter.Exported exported = OnnxExporter.write(pga, shapes, Map.of(), file, false);
            assertEquals(List.of("input_0", "input_1", "input_2"), exported.inputs());

            Random random = new Random(4);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                try (OrtSession session = environment.createSession(file.toString(), options)) {
                    for (long batch : new long[] {1, 2}) {
                        float[][] inputs = {normal(random, batch * features.size()), oneHot(random, batch),
                            oneHot(random, batch)};
                        float[] expected;
                        try (NDManager pass = manager.newSubManager()) {
                            NDList list = new NDList();
                            for (int i = 0; i < shapes.length; i++) {
                                list.add(pass.create(inputs[i], withBatch(shapes[i], batch)));
                            }
                            expected = pga.forward(new ParameterStore(pass, false), list, false).singletonOrThrow().toFloatArray();
                        }
                        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
                        try {
                            for (int i = 0; i < shapes.length; i++) {
                                feed.put(exported.inputs().get(i), OnnxTensor.createTensor(environment,
                                        FloatBuffer.wrap(inputs[i]), withBatch(shapes[i], batch).getShape()));
                            }
                            try (OrtSession.Result result = session.run(feed)) {
                                FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
                                assertEquals(expected.length, buffer.remaining());
                                double max = 0;
                                for (float value : expected) {
                                    max = Math.max(max, Math.abs(value - buffer.get()));
                                }
                                assertTrue(max <= 1e-4, "batch " + batch + ": max |DJL - ORT| = " + max);
                            }
                        } finally {
                            feed.values().forEach(OnnxTensor::close);
                        }
                    }
                }
            }
        }
    }

    private static Shape withBatch(Shape shape, long batch) {
        long[] dims = shape.getShape().clone();
        dims[0] = batch;
        return new Shape(dims);
    }

    private static float[] normal(Random random, long size) {
        float[] values = new float[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static float[] oneHot(Random random, long batch) {
        int plane = HEIGHT * WIDTH;
        float[] values = new float[(int) (batch * ParsingGuidedAttention.PARTS * plane)];
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < plane; p++) {
                values[(n * ParsingGuidedAttention.PARTS + random.nextInt(ParsingGuidedAttention.PARTS)) * plane + p] = 1;
            }
        }
        return values;
    }
}
