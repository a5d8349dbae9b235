package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived values on a 4×4 input x = 0..15 (row-major) with a 3×3 kernel of ones, bias 0.5 and
 * padding 1. The top-left 2×2 block is invalid:
 * <pre>
 *   x:  0  1  2  3     mask: 0 0 1 1
 *       4  5  6  7           0 0 1 1
 *       8  9 10 11           1 1 1 1
 *      12 13 14 15           1 1 1 1
 * </pre>
 * Output at (r, c) = (sum of valid x in the window) · 9 / (valid count) + 0.5, or 0 with no valid pixel.
 */
class PartialConv2dTest {
    private static final float[] MASK = {0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    private final DjlEngine engine = TestEngine.get();

    @Test
    void stride1MatchesHandComputedValues() {
        try (NDManager manager = engine.newManager()) {
            NDList out = run(manager, 1, manager.arange(16f).reshape(1, 1, 4, 4));
            NDArray y = out.get(0);
            assertEquals(new Shape(1, 1, 4, 4), y.getShape());
            // (0,0): window holds only the invalid block -> 0
            assertEquals(0f, y.getFloat(0, 0, 0, 0), 1e-5f);
            // (0,1): valid x 2 and 6 -> 8 · 9/2 + 0.5
            assertEquals(36.5f, y.getFloat(0, 0, 0, 1), 1e-4f);
            // (1,0): valid x 8 and 9 -> 17 · 9/2 + 0.5
            assertEquals(77f, y.getFloat(0, 0, 1, 0), 1e-4f);
            // (1,1): valid 2, 6, 8, 9, 10 -> 35 · 9/5 + 0.5
            assertEquals(63.5f, y.getFloat(0, 0, 1, 1), 1e-4f);
            // (2,2): all but x=5 valid -> (6+7+9+10+11+13+14+15) · 9/8 + 0.5 = 85 · 1.125 + 0.5
            assertEquals(96.125f, y.getFloat(0, 0, 2, 2), 1e-4f);
            // (3,3): the corner window sees 10, 11, 14, 15 (padding counts as invalid) -> 50 · 9/4 + 0.5
            assertEquals(113f, y.getFloat(0, 0, 3, 3), 1e-4f);
            float[] updated = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
            assertEquals(new Shape(1, 1, 4, 4), out.get(1).getShape());
            assertArrayEquals(updated, out.get(1).toFloatArray(), 0f);
        }
    }

    @Test
    void aConstantImageIsRecoveredFromAnyPartialWindow() {
        // renormalisation makes every window with a valid pixel read like a full window: 9 · 2 + 0.5
        try (NDManager manager = engine.newManager()) {
            NDArray y = run(manager, 1, manager.full(new Shape(1, 1, 4, 4), 2f)).get(0);
            float[] expected = new float[16];
            java.util.Arrays.fill(expected, 18.5f);
            expected[0] = 0f;
            assertArrayEquals(expected, y.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void stride2MatchesHandComputedValues() {
        try (NDManager manager = engine.newManager()) {
            NDList out = run(manager, 2, manager.arange(16f).reshape(1, 1, 4, 4));
            // stride 2 samples the stride-1 positions (0,0), (0,2), (2,0), (2,2):
            // (0,2): valid 2, 3, 6, 7 -> 18 · 9/4 + 0.5 = 41; (2,0): valid 8, 9, 12, 13 -> 42 · 9/4 + 0.5 = 95
            assertArrayEquals(new float[] {0f, 41f, 95f, 96.125f}, out.get(0).toFloatArray(), 1e-4f);
            assertArrayEquals(new float[] {0f, 1f, 1f, 1f}, out.get(1).toFloatArray(), 0f);
            assertEquals(new Shape(1, 1, 2, 2), out.get(1).getShape());
        }
    }

    @Test
    void invalidPixelsGetNoGradient() {
        try (NDManager manager = engine.newManager()) {
            PartialConv2d conv = onesConv(manager, 1);
            NDArray x = manager.arange(16f).reshape(1, 1, 4, 4);
            x.setRequiresGradient(true);
            NDArray mask = manager.create(MASK, new Shape(1, 1, 4, 4));
            try (GradientCollector collector = engine.engine().newGradientCollector()) {
                NDArray y = conv.forward(new ParameterStore(manager, false), new NDList(x, mask), true).get(0);
                collector.backward(y.sum());
            }
            float[] gradient = x.getGradient().toFloatArray();
            for (int i = 0; i < 16; i++) {
                if (MASK[i] == 0f) {
                    assertEquals(0f, gradient[i], 0f, "pixel " + i + " is invalid");
                } else {
                    assertNotEquals(0f, gradient[i], "pixel " + i + " is valid");
                }
            }
        }
    }

    @Test
    void aMaskThatDoesNotFitIsRejected() {
        try (NDManager manager = engine.newManager()) {
            PartialConv2d conv = new PartialConv2d(4, 3, 1, false);
            DeoccException e = assertThrows(DeoccException.class, () -> conv.initialize(manager, DataType.FLOAT32,
                    new Shape(1, 3, 8, 8), new Shape(1, 2, 8, 8)));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertThrows(DeoccException.class, () -> new PartialConv2d(4, 4, 1, false));
        }
    }

    private NDList run(NDManager manager, int stride, NDArray x) {
        PartialConv2d conv = onesConv(manager, stride);
        NDArray mask = manager.create(MASK, new Shape(1, 1, 4, 4));
        return conv.forward(new ParameterStore(manager, false), new NDList(x, mask), false);
    }

    private static PartialConv2d onesConv(NDManager manager, int stride) {
        PartialConv2d conv = new PartialConv2d(1, 3, stride, true);
        conv.setInitializer(new ConstantInitializer(1f), Parameter.Type.WEIGHT);
        conv.setInitializer(new ConstantInitializer(0.5f), Parameter.Type.BIAS);
        conv.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 4), new Shape(1, 1, 4, 4));
        return conv;
    }
}
