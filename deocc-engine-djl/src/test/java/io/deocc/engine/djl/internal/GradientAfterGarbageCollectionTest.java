package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * Backward passes must not depend on Java memory the JVM may free after the forward pass. DJL turns a
 * Java number operand ({@code x.mul(5f)}) into a 0-d tensor over a direct buffer and closes it right
 * after the op, while libtorch's backward of a product or division reads that operand again; when a
 * garbage collection frees the buffer in between, the gradient is computed from freed memory. Each test
 * collects garbage between forward and backward (it can only miss the fault, never invent it).
 */
class GradientAfterGarbageCollectionTest {
    private final DjlEngine engine = TestEngine.get();

    @Test
    void contentLossGradientSurvivesACollection() throws InterruptedException {
        try (NDManager manager = engine.newManager()) {
            NDArray target = manager.full(new Shape(1, 3, 4, 4), 0.5f);
            NDArray reconstruction = target.add(0.2f);
            reconstruction.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = new ContentLoss().evaluate(new NDList(target, input(manager)), new NDList(reconstruction));
                collectGarbage();
                collector.backward(loss);
            }
            float[] gradient = reconstruction.getGradient().toFloatArray();
            // known pixels: only the reconstruction L1 sees them, 1/48 (48 elements);
            // the hidden pixel (1, 1): also 5/48 from the hole L1 and 0.1 · 4/36 from the border TV (its two
            // horizontal and two vertical neighbour pairs over 36 differences per direction); the gradient
            // L1 is 0 at a constant shift
            for (int channel = 0; channel < 3; channel++) {
                for (int pixel = 0; pixel < 16; pixel++) {
                    float expected = pixel == 5 ? 6f / 48 + 0.4f / 36 : 1f / 48;
                    assertEquals(expected, gradient[channel * 16 + pixel], 1e-6f, "channel " + channel + " pixel " + pixel);
                }
            }
        }
    }

    @Test
    void attentionGradientSurvivesACollection() throws InterruptedException {
        engine.seed(9);
        try (NDManager manager = engine.newManager()) {
            Shape features = new Shape(1, 16, 4, 4);
            Shape parsing = new Shape(1, 19, 4, 4);
            ParsingGuidedAttention pga = new ParsingGuidedAttention(16);
            pga.initialize(manager, DataType.FLOAT32, features, parsing, parsing);
            NDArray x = manager.randomNormal(features);
            NDArray visible = manager.zeros(parsing);
            NDArray amodal = manager.ones(parsing);
            float[] undisturbed = inputGradient(manager, pga, x, visible, amodal, false);
            float[] collected = inputGradient(manager, pga, x, visible, amodal, true);
            assertArrayEquals(undisturbed, collected, 1e-6f);
        }
    }

    private static float[] inputGradient(NDManager manager, ParsingGuidedAttention pga, NDArray x, NDArray visible,
            NDArray amodal, boolean collect) throws InterruptedException {
        try (NDManager pass = manager.newSubManager()) {
            NDArray leaf = x.duplicate();
            leaf.attach(pass);
            leaf.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = pga.forward(new ParameterStore(pass, false), new NDList(leaf, visible, amodal), true)
                        .singletonOrThrow();
                if (collect) {
                    collectGarbage();
                }
                collector.backward(out.square().sum());
            }
            return leaf.getGradient().toFloatArray();
        }
    }

    /** Asks for a collection and gives the JDK's cleaner thread a moment to free unreachable direct buffers. */
    private static void collectGarbage() throws InterruptedException {
        System.gc();
        Thread.sleep(50);
    }

    /** RGB 0.5, visible everywhere but (1, 1) whose colour is erased, amodal everywhere. */
    private static NDArray input(NDManager manager) {
        float[] data = new float[5 * 16];
        for (int i = 0; i < 16; i++) {
            boolean hidden = i == 5;
            data[i] = hidden ? 0f : 0.5f;
            data[16 + i] = hidden ? 0f : 0.5f;
            data[32 + i] = hidden ? 0f : 0.5f;
            data[48 + i] = hidden ? 0f : 1f;
            data[64 + i] = 1f;
        }
        return manager.create(data, new Shape(1, 5, 4, 4));
    }
}
