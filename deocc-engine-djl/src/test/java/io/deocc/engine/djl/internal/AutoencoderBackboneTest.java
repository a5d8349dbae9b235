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

class AutoencoderBackboneTest {
    private static final int LATENT = 16;
    private final DjlEngine engine = TestEngine.get();

    @ParameterizedTest(name = "depth {0}, {1}x{2}")
    @CsvSource({"2, 32, 32", "3, 64, 64", "4, 32, 64"})
    void aeOutputKeepsTheInputSize(int depth, int height, int width) {
        BackboneSpec spec = new BackboneSpec(4, 2, depth, 1);
        try (NDManager manager = engine.newManager()) {
            Block block = AutoencoderBackbone.plain(LATENT).build(spec);
            Shape inputShape = new Shape(3, 4, height, width);
            block.initialize(manager, DataType.FLOAT32, inputShape);
            assertArrayEquals(new Shape[] {new Shape(3, 2, height, width)}, block.getOutputShapes(new Shape[] {inputShape}));
            NDList outputs = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0f, 1f, inputShape)), false);
            assertEquals(1, outputs.size());
            assertEquals(new Shape(3, 2, height, width), outputs.head().getShape());
            assertFalse(Float.isNaN(outputs.head().sum().getFloat()));
        }
    }

    @Test
    void vaeReturnsOutputMeanAndLogVariance() {
        BackboneSpec spec = new BackboneSpec(1, 1, 3, 1);
        try (NDManager manager = engine.newManager()) {
            Block block = AutoencoderBackbone.variational(LATENT).build(spec);
            Shape inputShape = new Shape(2, 1, 64, 64);
            block.initialize(manager, DataType.FLOAT32, inputShape);
            Shape latent = new Shape(2, LATENT);
            assertArrayEquals(new Shape[] {new Shape(2, 1, 64, 64), latent, latent},
                    block.getOutputShapes(new Shape[] {inputShape}));
            NDArray input = manager.randomUniform(0f, 1f, inputShape);
            NDList outputs = block.forward(new ParameterStore(manager, false), new NDList(input), false);
            assertEquals(3, outputs.size());
            assertEquals(new Shape(2, 1, 64, 64), outputs.get(AutoencoderBlock.OUTPUT).getShape());
            assertEquals(latent, outputs.get(AutoencoderBlock.MEAN).getShape());
            assertEquals(latent, outputs.get(AutoencoderBlock.LOG_VARIANCE).getShape());
            float kl = AutoencoderBlock.klDivergence(outputs).getFloat();
            assertTrue(kl >= 0f && Float.isFinite(kl), "KL " + kl);
        }
    }

    @Test
    void vaeSamplesWhileTrainingAndUsesTheMeanAtInference() {
        BackboneSpec spec = new BackboneSpec(1, 1, 2, 1);
        try (NDManager manager = engine.newManager()) {
            engine.seed(7);
            Block block = AutoencoderBackbone.variational(LATENT).build(spec);
            Shape inputShape = new Shape(2, 1, 32, 32);
            block.initialize(manager, DataType.FLOAT32, inputShape);
            NDArray input = manager.randomUniform(0f, 1f, inputShape);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray inferenceA = block.forward(store, new NDList(input), false).head();
            NDArray inferenceB = block.forward(store, new NDList(input), false).head();
            assertEquals(0f, inferenceA.sub(inferenceB).abs().max().getFloat(), "inference is deterministic");
            // with batch norm in training mode both passes see the same batch statistics, so only the noise differs
            NDArray trainingA = block.forward(store, new NDList(input), true).head();
            NDArray trainingB = block.forward(store, new NDList(input), true).head();
            assertTrue(trainingA.sub(trainingB).abs().max().getFloat() > 0f, "training samples the latent");
        }
    }

    @Test
    void klIsZeroForTheStandardNormalAndMatchesAHandComputedValue() {
        try (NDManager manager = engine.newManager()) {
            NDArray zeros = manager.zeros(new Shape(3, 4));
            assertEquals(0f, AutoencoderBlock.klDivergence(zeros, zeros).getFloat(), 0f);
            // one sample, two units: mean 1, logVar 0 gives −½(1 + 0 − 1 − 1) = 0.5;
            // mean 0, logVar ln 2 gives −½(1 + ln 2 − 0 − 2) = (1 − ln 2)/2 ≈ 0.153426
            NDArray mean = manager.create(new float[] {1f, 0f}, new Shape(1, 2));
            NDArray logVariance = manager.create(new float[] {0f, (float) Math.log(2)}, new Shape(1, 2));
            double expected = 0.5 + (1 - Math.log(2)) / 2;
            assertEquals(expected, AutoencoderBlock.klDivergence(mean, logVariance).getFloat(), 1e-6);
            // averaged over the batch: the same row twice gives the same value
            NDArray twiceMean = manager.create(new float[] {1f, 0f, 1f, 0f}, new Shape(2, 2));
            NDArray twiceLogVariance = manager.create(
                    new float[] {0f, (float) Math.log(2), 0f, (float) Math.log(2)}, new Shape(2, 2));
            assertEquals(expected, AutoencoderBlock.klDivergence(twiceMean, twiceLogVariance).getFloat(), 1e-6);
        }
    }

    @Test
    void klRejectsAnAutoencoderResult() {
        try (NDManager manager = engine.newManager()) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> AutoencoderBlock.klDivergence(new NDList(manager.zeros(new Shape(1, 1, 4, 4)))));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
            DeoccException shapes = assertThrows(DeoccException.class,
                    () -> AutoencoderBlock.klDivergence(manager.zeros(new Shape(1, 2)), manager.zeros(new Shape(1, 3))));
            assertEquals(ErrorCode.SIZE_MISMATCH, shapes.errorCode());
        }
    }

    @Test
    void aDifferentSizeThanTheInitialisedOneIsRejected() {
        try (NDManager manager = engine.newManager()) {
            Block block = AutoencoderBackbone.plain(LATENT).build(new BackboneSpec(1, 1, 2, 1));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 32, 32));
            NDArray other = manager.zeros(new Shape(1, 1, 64, 64));
            DeoccException e = assertThrows(DeoccException.class,
                    () -> block.forward(new ParameterStore(manager, false), new NDList(other), false));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertTrue(e.getMessage().contains("built for 32x32"), e.getMessage());
            DeoccException odd = assertThrows(DeoccException.class, () -> AutoencoderBackbone.plain(LATENT)
                    .build(new BackboneSpec(1, 1, 3, 1)).initialize(manager, DataType.FLOAT32, new Shape(1, 1, 36, 36)));
            assertEquals(ErrorCode.SIZE_MISMATCH, odd.errorCode());
        }
    }

    @Test
    void latentSizeIsValidated() {
        assertThrows(DeoccException.class, () -> AutoencoderBackbone.plain(0));
        assertThrows(DeoccException.class, () -> AutoencoderBackbone.variational(AutoencoderBackbone.MAX_LATENT_SIZE + 1));
        assertEquals(LATENT, AutoencoderBackbone.plain(LATENT).latentSize());
    }
}
