package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.deocc.engine.djl.NetworkCost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Multiply-accumulates of the stacked mask network as {@link NetworkCost} counts them from the built
 * network, checked against a layer plan written out by hand here (per convolution: output elements ×
 * input channels × kernel area; per linear layer: outputs × inputs; plus the pose prior's affinity sums,
 * K products per pixel), the way shared/peer/flops.py counts the reference.
 *
 * <p>For the paper's configuration (w=4, depth 4, S=256, K=64) the count is ≈ 76.2 GMAC, against
 * 73.3 GMAC for the reference network (ARCHITECTURE §6). The U-Net decoder has the classic widths
 * (256w → 64w at the deepest step, as the reference); the remaining ≈ 4% comes from each hourglass's
 * extra 1×1 convolution (64·64·256² ≈ 0.27 GMAC each) and from counting the heads as built. Of the
 * 76.2 GMAC, hourglass 1 is ≈ 31.2, hourglass 2 (67 input channels) ≈ 33.6, the parsing and mask heads
 * and the pose prior ≈ 11.4. (With decoders that kept their encoder level's width it was ≈ 116.1.)
 *
 * <p>The hand plan is itself checked against the built network: its convolution weight total must
 * equal the sum of the network's 4-D (convolution) parameters.
 */
class StackedMaskMacsTest {
    /** Reference network's cost at w=4, 256 px, from ARCHITECTURE §6. */
    private static final double REFERENCE_GMAC = 73.3;

    /** The hand plan: accumulates MACs and convolution weights of same-size convolutions at one resolution. */
    private static final class Counter {
        long macs;
        long convWeights;

        void conv(long in, long out, int kernel, long side) {
            long weights = in * out * kernel * kernel;
            convWeights += weights;
            macs += weights * side * side;
        }
    }

    private static void unet(Counter c, int in, int out, int depth, int width, long side) {
        IntLevel channels = level -> 16 * width << Math.min(level, 3);
        c.conv(in, channels.of(0), 3, side);
        c.conv(channels.of(0), channels.of(0), 3, side);
        for (int level = 1; level <= depth; level++) {
            c.conv(channels.of(level - 1), channels.of(level), 3, side >> level);
            c.conv(channels.of(level), channels.of(level), 3, side >> level);
        }
        for (int level = depth - 1; level >= 0; level--) {
            // merge skip (level) with the map from below; narrow to the width of the level above
            int below = level == depth - 1 ? channels.of(depth) : channels.of(level);
            int narrowed = channels.of(Math.max(level - 1, 0));
            c.conv(channels.of(level) + below, narrowed, 3, side >> level);
            c.conv(narrowed, narrowed, 3, side >> level);
        }
        c.conv(channels.of(0), out, 1, side);
    }

    private interface IntLevel {
        int of(int level);
    }

    static Counter count(int width, int depth, long side, int poseMasks) {
        Counter c = new Counter();
        int features = 16 * width;
        unet(c, 4, features, depth, width, side);
        unet(c, 3 + features, features, depth, width, side);
        for (int hourglass = 0; hourglass < 2; hourglass++) {
            c.conv(features, 32, 3, side);
            c.conv(32, 32, 3, side);
            if (features != 32) {
                c.conv(features, 32, 3, side);
            }
            c.conv(32, 20, 3, side);
            c.macs += 2L * 32 * 8; // SE gate: 32 → 8 → 32, once per image
        }
        c.conv(features + 32, 16, 3, side);
        c.conv(16, 2, 3, side);
        c.macs += (long) poseMasks * side * side; // affinity: one product per mask and pixel
        c.conv(poseMasks, poseMasks / 2, 3, side);
        c.conv(features + 32 + poseMasks / 2, 32, 3, side);
        c.conv(32, 2, 3, side);
        return c;
    }

    private static StackedMaskNetwork initialised(NDManager manager, int width, int depth, int poseMasks, int side) {
        StackedMaskNetwork network = new StackedMaskNetwork(width, depth, StackedMaskNetworkTest.stripes(poseMasks, 8));
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 4, side, side));
        return network;
    }

    @ParameterizedTest
    @CsvSource({"1, 2, 4", "2, 3, 6", "1, 3, 64"})
    void layerPlanMatchesTheBuiltNetwork(int width, int depth, int poseMasks) {
        DjlEngine engine = TestEngine.get();
        try (NDManager manager = engine.newManager()) {
            StackedMaskNetwork network = initialised(manager, width, depth, poseMasks, 32);
            long convWeights = 0;
            for (Pair<String, Parameter> p : network.getParameters()) {
                Shape shape = p.getValue().getArray().getShape();
                if (shape.dimension() == 4) {
                    convWeights += shape.size();
                }
            }
            assertEquals(count(width, depth, 32, poseMasks).convWeights, convWeights);
            // the shared counter, walking the built blocks, agrees with the hand plan at two sizes
            assertEquals(count(width, depth, 32, poseMasks).macs,
                    NetworkCost.multiplyAccumulates(network, new Shape(1, 4, 32, 32)));
            assertEquals(count(width, depth, 64, poseMasks).macs,
                    NetworkCost.multiplyAccumulates(network, new Shape(1, 4, 64, 64)));
        }
    }

    @ParameterizedTest
    @CsvSource({"4, 4, 256, 64"})
    void paperConfigurationCostsAboutAsMuchAsTheReference(int width, int depth, int side, int poseMasks) {
        DjlEngine engine = TestEngine.get();
        try (NDManager manager = engine.newManager()) {
            // initialised small: only the parameters are allocated, the count needs no activations
            StackedMaskNetwork network = initialised(manager, width, depth, poseMasks, 32);
            long macs = NetworkCost.multiplyAccumulates(network, new Shape(1, 4, side, side));
            assertEquals(count(width, depth, side, poseMasks).macs, macs);
            double gmac = macs / 1e9;
            // same U-Net widths as the reference plus the 1×1 heads: within 5% of it (≈ 76.2, see above)
            assertTrue(Math.abs(gmac - REFERENCE_GMAC) < 0.05 * REFERENCE_GMAC, "GMAC " + gmac);
            // MACs of same-size convolutions scale with the pixel count: a quarter at half the side
            long half = NetworkCost.multiplyAccumulates(network, new Shape(1, 4, side / 2, side / 2));
            assertEquals(macs - 2L * 2 * 32 * 8, 4 * (half - 2L * 2 * 32 * 8));
            // and everything scales with the batch
            assertEquals(2 * macs, NetworkCost.multiplyAccumulates(network, new Shape(2, 4, side, side)));
            // counting leaves the recorded input shapes as they were
            assertEquals(new Shape(1, 4, 32, 32), network.getInputShapes()[0]);
        }
    }
}
