package io.deocc.engine.djl.internal;

import io.deocc.content.network.ContentTensors;
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
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.model.BackboneSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

class PConvUNetTest {
    private static final int SIZE = 64;
    private static final int BASE = 8; // 1/8 of the paper's 64
    private final DjlEngine engine = TestEngine.get();

    @ParameterizedTest(name = "withPga {0}")
    @ValueSource(booleans = {false, true})
    void outputIsAnRgbImageInMinusOneToOne(boolean withPga) {
        engine.seed(3);
        try (NDManager manager = engine.newManager()) {
            PConvUNet net = new PConvUNet(BASE, withPga);
            Shape[] shapes = inputShapes(2, withPga);
            net.initialize(manager, DataType.FLOAT32, shapes);
            assertArrayEquals(new Shape[] {new Shape(2, 3, SIZE, SIZE)}, net.getOutputShapes(shapes));
            // inputs far outside [-1, 1] push the unclamped output beyond the range
            NDList inputs = new NDList(manager.randomUniform(-20f, 20f, shapes[0]));
            if (withPga) {
                inputs.add(manager.randomUniform(0f, 1f, shapes[1]).gt(0.9f).toType(DataType.FLOAT32, false));
                inputs.add(manager.randomUniform(0f, 1f, shapes[2]).gt(0.9f).toType(DataType.FLOAT32, false));
            }
            NDArray out = net.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow();
            assertEquals(new Shape(2, 3, SIZE, SIZE), out.getShape());
            assertFalse(Float.isNaN(out.sum().getFloat()));
            assertTrue(out.max().getFloat() <= 1f && out.min().getFloat() >= -1f, "output leaves [-1, 1]");
        }
    }

    @Test
    void channelPlanFollowsThePaperScaledByTheBase() {
        PConvUNet full = new PConvUNet(PConvUNet.PAPER_BASE_CHANNELS, true);
        int[] expected = {5, 64, 128, 256, 512, 512, 512, 512};
        for (int level = 0; level < expected.length; level++) {
            assertEquals(expected[level], full.channels(level), "level " + level);
        }
        assertEquals(64, new PConvUNet(BASE, false).channels(4));
        // 64 -> 32, 16, 8, 4, 2, 1, 1; 100 -> 50, 25, 13, 7, 4, 2, 1
        assertEquals(1, PConvUNet.levelSize(64, 7));
        assertEquals(13, PConvUNet.levelSize(100, 3));
        assertEquals(1, PConvUNet.levelSize(100, 7));
    }

    @Test
    void pgaAddsParametersOnlyWhenEnabled() {
        try (NDManager manager = engine.newManager()) {
            PConvUNet plain = new PConvUNet(BASE, false);
            plain.initialize(manager, DataType.FLOAT32, inputShapes(1, false));
            PConvUNet guided = new PConvUNet(BASE, true);
            guided.initialize(manager, DataType.FLOAT32, inputShapes(1, true));
            assertTrue(count(guided) > count(plain));
            assertEquals(4, guided.getChildren().keys().stream().filter(name -> name.contains("Pga")).count());
            assertEquals(0, plain.getChildren().keys().stream().filter(name -> name.contains("Pga")).count());
        }
    }

    @Test
    void pgaWithoutParsingIsRejected() {
        try (NDManager manager = engine.newManager()) {
            PConvUNet guided = new PConvUNet(BASE, true);
            DeoccException e = assertThrows(DeoccException.class,
                    () -> guided.initialize(manager, DataType.FLOAT32, new Shape(1, 5, SIZE, SIZE)));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertTrue(e.getMessage().contains("parsing"), e.getMessage());
            PConvUNet plain = new PConvUNet(BASE, false);
            assertThrows(DeoccException.class,
                    () -> plain.initialize(manager, DataType.FLOAT32, new Shape(1, 4, SIZE, SIZE)));
        }
    }

    @Test
    void backboneChecksItsChannels() {
        PConvUNetBackbone backbone = PConvUNetBackbone.plain();
        assertEquals("pconv-unet", backbone.name());
        PConvUNet built = (PConvUNet) backbone.build(new BackboneSpec(5, 3, 6, 4));
        assertEquals(64, built.channels(1));
        assertFalse(built.withPga());
        DeoccException e = assertThrows(DeoccException.class, () -> backbone.build(new BackboneSpec(4, 3, 6, 1)));
        assertTrue(e.getMessage().contains("inputChannels 5"), e.getMessage());
        assertThrows(DeoccException.class, () -> backbone.build(new BackboneSpec(5, 1, 6, 1)));
    }

    @Test
    void inputsAreDimmedErasedAndMasked() {
        // pixels: 0 visible person, 1 hidden person, 2 background
        RgbImage image = RgbImage.of(3, 1, new int[] {0xFF0000, 0x00FF00, 0xFFFFFF});
        BinaryMask visible = BinaryMask.of(3, 1, new boolean[] {true, false, false});
        BinaryMask amodal = BinaryMask.of(3, 1, new boolean[] {true, true, false});
        try (NDManager manager = engine.newManager()) {
            NDArray input = DjlTensors.array(manager, ContentTensors.input(List.of(image), List.of(visible), List.of(amodal)));
            assertEquals(new Shape(1, 5, 1, 3), input.getShape());
            // red 255 -> 1, 0 -> -1; hidden -> erased to 0; white background dimmed: 255·0.3/127.5 - 1 = -0.4
            float[] expected = {
                1f, 0f, -0.4f,
                -1f, 0f, -0.4f,
                -1f, 0f, -0.4f,
                1f, 0f, 0f,
                1f, 1f, 0f};
            assertArrayEquals(expected, input.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1f, 0f, 1f}, PConvInputs.known(input).toFloatArray(), 0f);
            NDArray target = DjlTensors.array(manager, ContentTensors.target(List.of(image), List.of(amodal)));
            assertArrayEquals(new float[] {1f, -1f, -0.4f, -1f, 1f, -0.4f, -1f, -1f, -0.4f}, target.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void parsingBecomesNineteenOneHotChannels() {
        ParsingMap parsing = ParsingMap.of(3, 1, new byte[] {0, 1, 19});
        try (NDManager manager = engine.newManager()) {
            NDArray oneHot = DjlTensors.array(manager, ContentTensors.parsingOneHot(List.of(parsing)));
            assertEquals(new Shape(1, 19, 1, 3), oneHot.getShape());
            assertArrayEquals(new float[] {0f, 1f, 0f}, oneHot.get(0, 0).toFloatArray(), 0f);
            assertArrayEquals(new float[] {0f, 0f, 1f}, oneHot.get(0, 18).toFloatArray(), 0f);
            assertEquals(2f, oneHot.sum().getFloat(), 0f, "background has no channel");
        }
    }

    @Test
    void mismatchedBatchesAreRejected() {
        RgbImage image = RgbImage.of(2, 1, new int[] {0, 0});
        BinaryMask small = BinaryMask.of(1, 1, new boolean[] {true});
        try (NDManager manager = engine.newManager()) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> DjlTensors.array(manager, ContentTensors.input(List.of(image), List.of(small), List.of(small))));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertThrows(DeoccException.class, () -> DjlTensors.array(manager, ContentTensors.input(List.of(image), List.of(), List.of())));
            assertThrows(DeoccException.class, () -> DjlTensors.array(null, ContentTensors.input(List.of(image), List.of(small), List.of(small))));
        }
    }

    private static long count(PConvUNet net) {
        return net.getParameters().values().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
    }

    private static Shape[] inputShapes(int n, boolean withPga) {
        Shape input = new Shape(n, 5, SIZE, SIZE);
        if (!withPga) {
            return new Shape[] {input};
        }
        Shape parsing = new Shape(n, 19, SIZE, SIZE);
        return new Shape[] {input, parsing, parsing};
    }
}
