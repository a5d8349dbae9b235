package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.mask.pose.PoseMaskBank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

/** Shapes, the pose prior's weights and input validation of the stacked two-hourglass mask network. */
class StackedMaskNetworkTest {
    private static final int SIZE = 64;

    private final DjlEngine engine = TestEngine.get();

    /** K masks of side {@code side}: mask k is the k-th vertical stripe of equal width. */
    static PoseMaskBank stripes(int count, int side) {
        List<float[]> masks = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            float[] values = new float[side * side];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    values[y * side + x] = x * count / side == k ? 1f : 0f;
                }
            }
            masks.add(values);
        }
        return PoseMaskBank.ofValues(side, masks, "test stripes");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void outputsHaveTheDocumentedShapes(int depth) {
        try (NDManager manager = engine.newManager()) {
            engine.seed(3);
            StackedMaskNetwork network = new StackedMaskNetwork(1, depth, stripes(4, 8));
            Shape input = new Shape(2, 4, SIZE, SIZE);
            network.initialize(manager, DataType.FLOAT32, input);
            NDList out = network.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0f, 1f, input)), false);
            assertEquals(4, out.size());
            assertEquals(new Shape(2, 20, SIZE, SIZE), out.get(StackedMaskNetwork.VISIBLE_PARSING).getShape());
            assertEquals(new Shape(2, 2, SIZE, SIZE), out.get(StackedMaskNetwork.REFINED_VISIBLE).getShape());
            assertEquals(new Shape(2, 20, SIZE, SIZE), out.get(StackedMaskNetwork.AMODAL_PARSING).getShape());
            assertEquals(new Shape(2, 2, SIZE, SIZE), out.get(StackedMaskNetwork.AMODAL).getShape());
            Shape[] declared = network.getOutputShapes(new Shape[] {input});
            for (int i = 0; i < 4; i++) {
                assertEquals(declared[i], out.get(i).getShape());
            }
            for (float v : out.get(StackedMaskNetwork.AMODAL).toFloatArray()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void poseWeightsSumToOnePerSample() {
        try (NDManager manager = engine.newManager()) {
            engine.seed(5);
            StackedMaskNetwork network = new StackedMaskNetwork(1, 2, stripes(6, 16));
            Shape input = new Shape(3, 4, SIZE, SIZE);
            network.initialize(manager, DataType.FLOAT32, input);
            NDList out = network.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0f, 1f, input)), false);
            NDArray weights = network.poseWeights(out.get(StackedMaskNetwork.REFINED_VISIBLE));
            assertEquals(new Shape(3, 6), weights.getShape());
            float[] w = weights.toFloatArray();
            for (int n = 0; n < 3; n++) {
                float sum = 0f;
                for (int k = 0; k < 6; k++) {
                    float v = w[n * 6 + k];
                    assertTrue(v >= 0f && v <= 1f, "weight " + v);
                    sum += v;
                }
                assertEquals(1f, sum, 1e-5f, "sample " + n);
            }
        }
    }

    @Test
    void poseWeightsFollowTheForeground() {
        try (NDManager manager = engine.newManager()) {
            StackedMaskNetwork network = new StackedMaskNetwork(1, 2, stripes(2, 8));
            // sample 0: person on the left half only (logit gap 20 makes P ≈ 1 there, ≈ 0 elsewhere);
            // the left stripe's affinity is ≈ 2048, the right's ≈ 0, so the softmax is one-hot
            float[] logits = new float[2 * 2 * SIZE * SIZE];
            int plane = SIZE * SIZE;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    logits[plane + y * SIZE + x] = x < SIZE / 2 ? 10f : -10f;
                    logits[y * SIZE + x] = x < SIZE / 2 ? -10f : 10f;
                    // sample 1: equal logits, P = 1/2 everywhere; both stripes cover half the image,
                    // so their affinities tie and the weights are exactly one half each
                }
            }
            NDArray weights = network.poseWeights(manager.create(logits, new Shape(2, 2, SIZE, SIZE)));
            float[] w = weights.toFloatArray();
            assertEquals(1f, w[0], 1e-6f);
            assertEquals(0f, w[1], 1e-6f);
            assertEquals(0.5f, w[2], 1e-6f);
            assertEquals(0.5f, w[3], 1e-6f);
        }
    }

    @Test
    void shippedBankLoadsIntoTheNetwork() {
        PoseMaskBank bank = PoseMaskBank.loadDefault();
        try (NDManager manager = engine.newManager()) {
            engine.seed(9);
            StackedMaskNetwork network = new StackedMaskNetwork(1, 2, bank);
            assertEquals(64, network.poseMaskCount());
            Shape input = new Shape(1, 4, SIZE, SIZE);
            network.initialize(manager, DataType.FLOAT32, input);
            NDList out = network.forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false);
            assertEquals(new Shape(1, 2, SIZE, SIZE), out.get(StackedMaskNetwork.AMODAL).getShape());
            float sum = network.poseWeights(out.get(StackedMaskNetwork.REFINED_VISIBLE)).sum().getFloat();
            assertEquals(1f, sum, 1e-5f);
        }
    }

    @Test
    void bankNeedsAtLeastTwoMasks() {
        DeoccException e = assertThrows(DeoccException.class, () -> new StackedMaskNetwork(1, 2, stripes(1, 8)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("1 masks") && e.getMessage().contains("2 to 256"), e.getMessage());
    }

    @Test
    void bankWithTooManyMasksIsRejected() {
        DeoccException e = assertThrows(DeoccException.class, () -> new StackedMaskNetwork(1, 2, stripes(257, 2)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("257") && e.getMessage().contains("2 to 256"), e.getMessage());
    }

    @Test
    void oneByOneMasksAreRejected() {
        PoseMaskBank tiny = PoseMaskBank.ofValues(1, List.of(new float[] {1f}, new float[] {0f}), "test dots");
        DeoccException e = assertThrows(DeoccException.class, () -> new StackedMaskNetwork(1, 2, tiny));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("1x1") && e.getMessage().contains("from 2"), e.getMessage());
    }

    @Test
    void nullBankAndBadWidthAreRejected() {
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> new StackedMaskNetwork(1, 2, null)).errorCode());
        DeoccException e = assertThrows(DeoccException.class, () -> new StackedMaskNetwork(0, 2, stripes(4, 8)));
        assertTrue(e.getMessage().contains("width 0"), e.getMessage());
    }

    @Test
    void inputsSmallerThanTheMasksOrOffTheGridAreRejected() {
        StackedMaskNetwork network = new StackedMaskNetwork(1, 2, stripes(4, 32));
        DeoccException small = assertThrows(DeoccException.class,
                () -> network.getOutputShapes(new Shape[] {new Shape(1, 4, 16, 16)}));
        assertEquals(ErrorCode.SIZE_MISMATCH, small.errorCode());
        assertTrue(small.getMessage().contains("32x32"), small.getMessage());
        DeoccException offGrid = assertThrows(DeoccException.class,
                () -> network.getOutputShapes(new Shape[] {new Shape(1, 4, 66, 66)}));
        assertTrue(offGrid.getMessage().contains("68x68"), offGrid.getMessage());
        DeoccException channels = assertThrows(DeoccException.class,
                () -> network.getOutputShapes(new Shape[] {new Shape(1, 3, 64, 64)}));
        assertEquals(ErrorCode.SIZE_MISMATCH, channels.errorCode());
    }

    @Test
    void perCallManagersLeaveNothingBehind() {
        try (NDManager modelManager = engine.newManager()) {
            StackedMaskNetwork network = new StackedMaskNetwork(1, 2, stripes(4, 8));
            network.initialize(modelManager, DataType.FLOAT32, new Shape(1, 4, SIZE, SIZE));
            int before = modelManager.getManagedArrays().size();
            NDManager call = modelManager.newSubManager();
            float[] amodal;
            try (call) {
                NDArray input = call.ones(new Shape(1, 4, SIZE, SIZE));
                NDList out = network.forward(new ParameterStore(call, false), new NDList(input), false);
                amodal = out.get(StackedMaskNetwork.AMODAL).toFloatArray();
                network.poseWeights(out.get(StackedMaskNetwork.REFINED_VISIBLE));
                assertTrue(call.getManagedArrays().size() > 1, "the forward pass's arrays live in the call's manager");
            }
            assertFalse(call.isOpen());
            assertEquals(2 * SIZE * SIZE, amodal.length);
            assertEquals(before, modelManager.getManagedArrays().size());
        }
    }
}
