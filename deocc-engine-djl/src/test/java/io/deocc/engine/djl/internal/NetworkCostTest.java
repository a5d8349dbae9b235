package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.core.Prelu;
import ai.djl.training.initializer.ConstantInitializer;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.engine.djl.NetworkCost;
import io.deocc.model.BackboneSpec;
import org.junit.jupiter.api.Test;

/** {@link NetworkCost} on single layers whose cost is worked out by hand, and its failure modes. */
class NetworkCostTest {
    private static Block initialised(NDManager manager, Block block, Shape... shapes) {
        block.initialize(manager, DataType.FLOAT32, shapes);
        return block;
    }

    @Test
    void convolutionCostsOutputElementsTimesInputChannelsTimesKernelArea() {
        try (NDManager manager = TestEngine.get().newManager()) {
            Block conv = initialised(manager, Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(5).build(), new Shape(1, 3, 4, 4));
            // 2 × 5 × 8 × 8 outputs, each 3 channels × 9 taps
            assertEquals(2L * 5 * 8 * 8 * 3 * 9, NetworkCost.multiplyAccumulates(conv, new Shape(2, 3, 8, 8)));
        }
    }

    @Test
    void linearLayerCostsRowsTimesInputsTimesOutputs() {
        try (NDManager manager = TestEngine.get().newManager()) {
            Block linear = initialised(manager, Linear.builder().setUnits(4).build(), new Shape(1, 6));
            assertEquals(3L * 6 * 4, NetworkCost.multiplyAccumulates(linear, new Shape(3, 6)));
        }
    }

    @Test
    void partialConvolutionCountsItsFeatureConvolutionOnly() {
        try (NDManager manager = TestEngine.get().newManager()) {
            Block pconv = initialised(manager, new PartialConv2d(4, 3, 2, true),
                    new Shape(1, 2, 8, 8), new Shape(1, 1, 8, 8));
            // stride 2: 4 × 4 × 4 outputs, each 2 channels × 9 taps
            assertEquals(4L * 4 * 4 * 2 * 9,
                    NetworkCost.multiplyAccumulates(pconv, new Shape(1, 2, 8, 8), new Shape(1, 1, 8, 8)));
        }
    }

    @Test
    void parsingGuidedAttentionAddsItsThreeBatchedProducts() {
        try (NDManager manager = TestEngine.get().newManager()) {
            Shape features = new Shape(1, 16, 8, 8);
            Shape parsing = new Shape(1, 19, 8, 8);
            Block pga = initialised(manager, new ParsingGuidedAttention(16), features, parsing, parsing);
            long p = 64; // positions, 8×8
            long convs = p * 19 * 16        // part maps, 1×1, 16 → 19
                    + p * 16 * 35 * 9       // part fusion, 3×3, 16 + 19 → 16
                    + 4 * 16 + 16 * 4       // squeeze-excitation on the pooled 1×1 map, 16 → 4 → 16
                    + 2 * p * 4 * 35        // query and key, 1×1, 35 → max(4, 16/8) = 4
                    + p * 16 * 16           // value, 1×1
                    + p * 16 * 48 * 9;      // merge, 3×3, 3·16 → 16
            long products = p * 4 * p + 2 * 16 * p * p; // qᵀk, then values × row and column softmax
            assertEquals(convs + products, NetworkCost.multiplyAccumulates(pga, features, parsing, parsing));
        }
    }

    @Test
    void countingLeavesTheBlockUsableAtItsOwnSize() {
        try (NDManager manager = TestEngine.get().newManager()) {
            Block unet = initialised(manager, new UNetBlock(new BackboneSpec(4, 1, 2, 1)), new Shape(1, 4, 16, 16));
            long big = NetworkCost.multiplyAccumulates(unet, new Shape(1, 4, 64, 64));
            long small = NetworkCost.multiplyAccumulates(unet, new Shape(1, 4, 32, 32));
            assertEquals(4 * small, big);
            assertEquals(new Shape(1, 4, 16, 16), unet.getInputShapes()[0]);
            assertTrue(unet.getParameters().get(0).getValue().getArray().getShape().size() > 0);
        }
    }

    @Test
    void autoencoderAtAnotherSizeThanItsDenseLatentIsRejected() {
        try (NDManager manager = TestEngine.get().newManager()) {
            BackboneSpec spec = new BackboneSpec(4, 1, 2, 1);
            Block ae = initialised(manager, AutoencoderBackbone.plain(8).build(spec), new Shape(1, 4, 16, 16));
            assertTrue(NetworkCost.multiplyAccumulates(ae, new Shape(1, 4, 16, 16)) > 0);
            DeoccException e = assertThrows(DeoccException.class,
                    () -> NetworkCost.multiplyAccumulates(ae, new Shape(1, 4, 32, 32)));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertTrue(e.getMessage().contains("initialised with"), e.getMessage());
        }
    }

    @Test
    void uninitialisedNullOrUnknownBlocksFailLoudly() {
        Block fresh = new UNetBlock(new BackboneSpec(4, 1, 2, 1));
        DeoccException uninitialised = assertThrows(DeoccException.class,
                () -> NetworkCost.multiplyAccumulates(fresh, new Shape(1, 4, 16, 16)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, uninitialised.errorCode());
        assertTrue(uninitialised.getMessage().contains("initialize"), uninitialised.getMessage());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                () -> NetworkCost.multiplyAccumulates(null, new Shape(1, 4, 16, 16))).errorCode());
        try (NDManager manager = TestEngine.get().newManager()) {
            Block prelu = new Prelu();
            // its slope is a scalar, which the default Xavier initialiser refuses
            prelu.setInitializer(new ConstantInitializer(0.25f), parameter -> true);
            initialised(manager, prelu, new Shape(1, 4));
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                    () -> NetworkCost.multiplyAccumulates(prelu)).errorCode());
            DeoccException unknown = assertThrows(DeoccException.class,
                    () -> NetworkCost.multiplyAccumulates(prelu, new Shape(1, 4)));
            assertEquals(ErrorCode.INTERNAL, unknown.errorCode());
            assertTrue(unknown.getMessage().contains("Prelu"), unknown.getMessage());
        }
    }
}
