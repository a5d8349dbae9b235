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
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.model.BackboneSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResNetUNetBackboneTest {
    private final DjlEngine engine = TestEngine.get();
    private final ResNetUNetBackbone backbone = new ResNetUNetBackbone();

    @ParameterizedTest(name = "depth {0}, {1}x{2}")
    @CsvSource({"2, 64, 32", "3, 64, 64", "5, 32, 64", "6, 64, 128"})
    void outputKeepsTheInputSize(int depth, int height, int width) {
        BackboneSpec spec = new BackboneSpec(4, 2, depth, 1);
        try (NDManager manager = engine.newManager()) {
            Block block = backbone.build(spec);
            Shape inputShape = new Shape(2, 4, height, width);
            block.initialize(manager, DataType.FLOAT32, inputShape);
            assertArrayEquals(new Shape[] {new Shape(2, 2, height, width)}, block.getOutputShapes(new Shape[] {inputShape}));
            NDArray output = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0f, 1f, inputShape)), false).singletonOrThrow();
            assertEquals(new Shape(2, 2, height, width), output.getShape());
            assertFalse(Float.isNaN(output.sum().getFloat()));
        }
    }

    @Test
    void sizeMultipleIsTheLcmOfTheUNetRuleAndTheResNetStride() {
        assertEquals(32, backbone.sizeMultiple(new BackboneSpec(4, 1, 2, 1)));
        assertEquals(32, backbone.sizeMultiple(new BackboneSpec(4, 1, 5, 1)));
        assertEquals(64, backbone.sizeMultiple(new BackboneSpec(4, 1, 6, 1)));
    }

    @Test
    void sizesTheResNetCannotStrideAreRejected() {
        // 48 suits a depth-3 U-Net (multiple of 8) but not the ResNet's stride 32
        try (NDManager manager = engine.newManager()) {
            Block block = backbone.build(new BackboneSpec(4, 1, 3, 1));
            DeoccException e = assertThrows(DeoccException.class,
                    () -> block.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 48, 48)));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertTrue(e.getMessage().contains("lcm(2^3, 32) = 32"), e.getMessage());
            assertTrue(e.getMessage().contains("64x64"), e.getMessage());
        }
    }

    @Test
    void fewerThanThreeInputChannelsAreRejected() {
        DeoccException e = assertThrows(DeoccException.class, () -> backbone.build(new BackboneSpec(2, 1, 3, 1)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
    }

    @Test
    void resNetStagesAreResNet18ScaledByWidthOverFour() {
        ResNet18Encoder w4 = new ResNet18Encoder(4);
        ResNet18Encoder w1 = new ResNet18Encoder(1);
        for (int stage = 0; stage < 4; stage++) {
            assertEquals(64 << stage, w4.stageChannels(stage));
            assertEquals((64 << stage) / 4, w1.stageChannels(stage));
        }
        try (NDManager manager = engine.newManager()) {
            w1.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 96));
            // stride 32: 64x96 -> 2x3 with 128 channels at width 1
            assertEquals(new Shape(1, 128, 2, 3), w1.getOutputShapes(new Shape[] {new Shape(1, 3, 64, 96)})[0]);
        }
    }

    @Test
    void theImageEncoderSeesOnlyTheRgbChannels() {
        // the fusion's first convolution takes 3 channels even though the network gets 5
        try (NDManager manager = engine.newManager()) {
            Block block = backbone.build(new BackboneSpec(5, 1, 2, 1));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 32, 32));
            long rgbStemWeights = block.getParameters().stream()
                    .filter(p -> p.getKey().contains("imageEncoder") && p.getKey().contains("stem"))
                    .map(p -> p.getValue())
                    .filter(p -> p.getType() == Parameter.Type.WEIGHT && p.getShape().dimension() == 4)
                    .peek(p -> assertEquals(new Shape(16, 3, 7, 7), p.getShape()))
                    .count();
            assertEquals(1, rgbStemWeights);
        }
    }

}
