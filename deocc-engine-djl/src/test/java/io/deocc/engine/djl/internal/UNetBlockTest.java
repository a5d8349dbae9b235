package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.model.BackboneSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UNetBlockTest {
    private final DjlEngine engine = TestEngine.get();

    @ParameterizedTest(name = "depth {0}, {1}x{1}")
    @CsvSource({"2, 64", "3, 64", "5, 64", "2, 48", "3, 48"})
    void outputKeepsTheInputSize(int depth, int size) {
        BackboneSpec spec = new BackboneSpec(4, 3, depth, 1);
        try (NDManager manager = engine.newManager()) {
            Block block = new UNetBackbone().build(spec);
            Shape inputShape = new Shape(2, 4, size, size);
            block.initialize(manager, DataType.FLOAT32, inputShape);
            assertArrayEquals(new Shape[] {new Shape(2, 3, size, size)}, block.getOutputShapes(new Shape[] {inputShape}));
            NDArray input = manager.randomUniform(0f, 1f, inputShape);
            NDArray output = block.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 3, size, size), output.getShape());
            assertFalse(Float.isNaN(output.sum().getFloat()));
        }
    }

    @Test
    void sizesThatAreNoMultipleOfTwoToTheDepthAreRejected() {
        // 48 = 16·3 is a multiple of 2^2 and 2^3 but not of 2^5
        BackboneSpec spec = new BackboneSpec(4, 1, 5, 1);
        try (NDManager manager = engine.newManager()) {
            Block block = new UNetBackbone().build(spec);
            DeoccException e = assertThrows(DeoccException.class,
                    () -> block.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 48, 48)));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertTrue(e.getMessage().contains("48x48"), e.getMessage());
            assertTrue(e.getMessage().contains("2^5 = 32"), e.getMessage());
            assertTrue(e.getMessage().contains("64x64"), e.getMessage());

            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 64, 64));
            NDArray odd = manager.zeros(new Shape(1, 4, 64, 48));
            DeoccException atForward = assertThrows(DeoccException.class,
                    () -> block.forward(new ParameterStore(manager, false), new NDList(odd), false));
            assertEquals(ErrorCode.SIZE_MISMATCH, atForward.errorCode());
        }
    }

    @Test
    void wrongChannelCountIsRejected() {
        BackboneSpec spec = new BackboneSpec(4, 1, 2, 1);
        try (NDManager manager = engine.newManager()) {
            Block block = new UNetBackbone().build(spec);
            DeoccException e = assertThrows(DeoccException.class,
                    () -> block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64)));
            assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
            assertTrue(e.getMessage().contains("built for 4"), e.getMessage());
        }
    }

    @Test
    void channelsFollowThePaper() {
        UNetBlock w1 = new UNetBlock(new BackboneSpec(4, 1, 5, 1));
        int[] expected = {16, 32, 64, 128, 128, 128};
        for (int level = 0; level < expected.length; level++) {
            assertEquals(expected[level], w1.channels(level), "level " + level);
        }
        UNetBlock w4 = new UNetBlock(new BackboneSpec(4, 1, 4, 4));
        assertEquals(64, w4.channels(0));
        assertEquals(512, w4.channels(4));
    }

    @Test
    void decoderNarrowsToTheNextLevelUpLikeTheClassicUNet() {
        // depth 4, w=4: 512+512 -> 256 (merging level 3), 256+256 -> 128, 128+128 -> 64, 64+64 -> 64
        UNetBlock w4 = new UNetBlock(new BackboneSpec(4, 1, 4, 4));
        int[] expected = {64, 64, 128, 256};
        for (int level = 0; level < expected.length; level++) {
            assertEquals(expected[level], w4.decoderChannels(level), "decoder level " + level);
        }
    }

    @Test
    void decoderInputWidthsMatchTheClassicPlanInTheBuiltBlock() {
        // depth 3, w=1 (16, 32, 64, 128): the first conv of each decoder step reads skip + map from
        // below: level 2: 64 + 128 -> 32, level 1: 32 + 32 -> 16, level 0: 16 + 16 -> 16
        long[][] expected = {{16, 32}, {16, 64}, {32, 192}};
        try (NDManager manager = engine.newManager()) {
            Block block = new UNetBackbone().build(new BackboneSpec(4, 1, 3, 1));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 16, 16));
            for (int level = 0; level < expected.length; level++) {
                // DJL prefixes child names with their position, e.g. "04decoder0"
                String name = "decoder" + level;
                Block decoder = block.getChildren().stream()
                        .filter(child -> child.getKey().endsWith(name))
                        .map(child -> child.getValue())
                        .findFirst().orElseThrow();
                Shape first = decoder.getParameters().stream()
                        .map(p -> p.getValue().getArray().getShape())
                        .filter(shape -> shape.dimension() == 4)
                        .findFirst().orElseThrow();
                assertEquals(new Shape(expected[level][0], expected[level][1], 3, 3), first, name);
            }
        }
    }

    @Test
    void parameterCountMatchesAHandCount() {
        // depth 2, w=1, 4 -> 1 channels. A conv3x3 without bias has 9·in·out weights; a batch norm has
        // gamma, beta, running mean and running variance (4·c); the 1x1 head has in·out + out.
        // encoder0: 9·4·16 + 9·16·16, encoder1: 9·16·32 + 9·32·32, encoder2: 9·32·64 + 9·64·64,
        // decoder1 (skip 32 + up 64 -> 16): 9·96·16 + 9·16·16, decoder0 (16 + 16 -> 16): 9·32·16 + 9·16·16,
        // head: 16 + 1.
        // By hand: encoders 64+256+512+1024+2048+4096 = 8000, decoders 1536+256+512+256 = 2560,
        // 9·10560 = 95040 conv weights; norms 8·(16+32+64+16+16) = 8·144 = 1152; total 95040+1152+17 = 96209
        long convs = 9L * (4 * 16 + 16 * 16 + 16 * 32 + 32 * 32 + 32 * 64 + 64 * 64
                + 96 * 16 + 16 * 16 + 32 * 16 + 16 * 16);
        long norms = 4L * 2 * (16 + 32 + 64 + 16 + 16);
        long expected = convs + norms + 17;
        assertEquals(96209, expected);
        try (NDManager manager = engine.newManager()) {
            Block block = new UNetBackbone().build(new BackboneSpec(4, 1, 2, 1));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 16, 16));
            long actual = block.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().getShape().size()).sum();
            assertEquals(expected, actual);
        }
    }

    @Test
    void upsamplingIsBilinearWithoutAlignedCorners() {
        try (NDManager manager = engine.newManager()) {
            // source x for output x is (x + 0.5)/2 - 0.5, clamped to [0, 1]: -0.25, 0.25, 0.75, 1.25
            NDArray row = manager.create(new float[] {0f, 1f}, new Shape(1, 1, 1, 2));
            float[] up = UNetBlock.upsampleBilinear(row, 1, 4).toFloatArray();
            assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, up, 1e-6f);
            // in 2-D the two directions multiply: the corner-adjacent value is 0.25·0.25·4 = 0.25
            NDArray corner = manager.create(new float[] {0f, 0f, 0f, 4f}, new Shape(1, 1, 2, 2));
            NDArray square = UNetBlock.upsampleBilinear(corner, 4, 4);
            assertEquals(new Shape(1, 1, 4, 4), square.getShape());
            assertEquals(0.25f, square.getFloat(0, 0, 1, 1), 1e-6f);
            assertEquals(4f, square.getFloat(0, 0, 3, 3), 1e-6f);
            assertEquals(0f, square.getFloat(0, 0, 0, 0), 1e-6f);
        }
    }

    @Test
    void sameSeedGivesTheSameNetwork() {
        float[] first = outputForSeed(11);
        float[] second = outputForSeed(11);
        float[] other = outputForSeed(12);
        assertArrayEquals(first, second, 0f);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    private float[] outputForSeed(int seed) {
        try (NDManager manager = engine.newManager()) {
            engine.seed(seed);
            Block block = new UNetBackbone().build(new BackboneSpec(1, 1, 2, 1));
            Shape shape = new Shape(1, 1, 16, 16);
            block.initialize(manager, DataType.FLOAT32, shape);
            NDArray ramp = manager.arange(256f).reshape(shape).div(256f);
            return block.forward(new ParameterStore(manager, false), new NDList(ramp), false)
                    .singletonOrThrow().toFloatArray();
        }
    }

    @Test
    void perCallManagersLeaveNothingBehind() {
        try (NDManager modelManager = engine.newManager()) {
            Block block = new UNetBackbone().build(new BackboneSpec(4, 2, 3, 1));
            block.initialize(modelManager, DataType.FLOAT32, new Shape(1, 4, 32, 32));
            int before = modelManager.getManagedArrays().size();
            float[] result;
            NDManager call = modelManager.newSubManager();
            try (call) {
                NDArray input = call.ones(new Shape(1, 4, 32, 32));
                result = block.forward(new ParameterStore(call, false), new NDList(input), false)
                        .singletonOrThrow().toFloatArray();
                assertTrue(call.getManagedArrays().size() > 1, "the forward pass's arrays live in the call's manager");
            }
            assertFalse(call.isOpen());
            assertEquals(2 * 32 * 32, result.length);
            assertEquals(before, modelManager.getManagedArrays().size());
        }
    }
}
