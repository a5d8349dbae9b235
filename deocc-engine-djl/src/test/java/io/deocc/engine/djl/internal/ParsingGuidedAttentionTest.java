package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParsingGuidedAttentionTest {
    private final DjlEngine engine = TestEngine.get();

    // 80x80 = 6400 positions exceeds the cap and goes through the pooled path
    @ParameterizedTest(name = "{0} channels, {1}x{2}")
    @CsvSource({"16, 8, 8", "32, 16, 12", "8, 80, 80"})
    void featureShapeIsPreserved(int channels, int height, int width) {
        engine.seed(5);
        try (NDManager manager = engine.newManager()) {
            Shape features = new Shape(2, channels, height, width);
            Shape parsing = new Shape(2, 19, height, width);
            ParsingGuidedAttention pga = new ParsingGuidedAttention(channels);
            pga.initialize(manager, DataType.FLOAT32, features, parsing, parsing);
            assertArrayEquals(new Shape[] {features}, pga.getOutputShapes(new Shape[] {features, parsing, parsing}));
            NDArray out = forward(manager, pga, manager.randomNormal(features), oneHot(manager, parsing, 0), oneHot(manager, parsing, 1));
            assertEquals(features, out.getShape());
            assertFalse(Float.isNaN(out.sum().getFloat()));
        }
    }

    @Test
    void outputDependsOnTheParsing() {
        engine.seed(6);
        try (NDManager manager = engine.newManager()) {
            Shape features = new Shape(1, 16, 8, 8);
            Shape parsing = new Shape(1, 19, 8, 8);
            ParsingGuidedAttention pga = new ParsingGuidedAttention(16);
            pga.initialize(manager, DataType.FLOAT32, features, parsing, parsing);
            NDArray x = manager.randomNormal(features);
            float[] first = forward(manager, pga, x, oneHot(manager, parsing, 0), oneHot(manager, parsing, 0)).toFloatArray();
            float[] second = forward(manager, pga, x, oneHot(manager, parsing, 0), oneHot(manager, parsing, 7)).toFloatArray();
            assertFalse(java.util.Arrays.equals(first, second), "changing the amodal parsing must change the output");
        }
    }

    @Test
    void poolingFactorKeepsAttentionWithinTheCap() {
        assertEquals(1, ParsingGuidedAttention.poolingFactor(32, 32));
        assertEquals(1, ParsingGuidedAttention.poolingFactor(64, 64));
        // 65·64 = 4160 > 4096; halved (rounding up) 33·32 = 1056
        assertEquals(2, ParsingGuidedAttention.poolingFactor(65, 64));
        // 256·256 needs a quarter: 64·64 = 4096
        assertEquals(4, ParsingGuidedAttention.poolingFactor(256, 256));
    }

    @Test
    void wrongParsingShapeIsRejected() {
        try (NDManager manager = engine.newManager()) {
            ParsingGuidedAttention pga = new ParsingGuidedAttention(8);
            DeoccException e = assertThrows(DeoccException.class, () -> pga.initialize(manager, DataType.FLOAT32,
                    new Shape(1, 8, 4, 4), new Shape(1, 20, 4, 4), new Shape(1, 19, 4, 4)));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        }
    }

    private static NDArray forward(NDManager manager, ParsingGuidedAttention pga, NDArray x, NDArray visible, NDArray amodal) {
        return pga.forward(new ParameterStore(manager, false), new NDList(x, visible, amodal), false).singletonOrThrow();
    }

    /** A one-hot map whose label at pixel i is (i + shift) mod 19. */
    private static NDArray oneHot(NDManager manager, Shape shape, int shift) {
        long plane = shape.get(2) * shape.get(3);
        float[] data = new float[(int) shape.size()];
        for (int n = 0; n < shape.get(0); n++) {
            for (int i = 0; i < plane; i++) {
                int part = (int) ((i + shift) % 19);
                data[(int) ((n * 19 + part) * plane + i)] = 1f;
            }
        }
        return manager.create(data, shape);
    }
}
