package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deocc.api.DeoccException;
import org.junit.jupiter.api.Test;

/**
 * A 4×4 scene whose target and known colours are 0.5 everywhere, with one hidden pixel at (1, 1);
 * the reconstruction is the target plus 0.2 everywhere.
 */
class ContentLossTest {
    private final DjlEngine engine = TestEngine.get();

    @Test
    void handComputedValue() {
        try (NDManager manager = engine.newManager()) {
            NDArray target = manager.full(new Shape(1, 3, 4, 4), 0.5f);
            NDArray reconstruction = target.add(0.2f);
            // reconstruction L1: 0.2
            // hole L1: 3 channels · 1 pixel · 0.2 over 48 elements = 0.0125, ×5 = 0.0625
            // border TV: the hole dilated by 3x3 is rows/cols 0..2; the composite is 0.7 at (1,1) and 0.5
            //   elsewhere, so per channel two horizontal pairs differ by 0.2 -> 3·0.4 / (3·4·3) = 1/30,
            //   the same vertically: 2/30, ×0.1 = 1/150
            // gradient L1: a constant shift has the target's gradients: 0
            float expected = 0.2f + 0.0625f + 1f / 150f;
            assertEquals(expected, new ContentLoss().evaluate(new NDList(target, input(manager)),
                    new NDList(reconstruction)).getFloat(), 1e-6f);
        }
    }

    @Test
    void perfectReconstructionOfAFlatImageCostsNothing() {
        try (NDManager manager = engine.newManager()) {
            NDArray target = manager.full(new Shape(1, 3, 4, 4), 0.5f);
            assertEquals(0f, new ContentLoss().evaluate(new NDList(target, input(manager)), new NDList(target)).getFloat(), 1e-7f);
        }
    }

    @Test
    void wrongShapesAreRejected() {
        try (NDManager manager = engine.newManager()) {
            NDArray target = manager.zeros(new Shape(1, 3, 4, 4));
            assertThrows(DeoccException.class, () -> new ContentLoss().evaluate(new NDList(target),
                    new NDList(target)));
            assertThrows(DeoccException.class, () -> new ContentLoss().evaluate(new NDList(target, input(manager)),
                    new NDList(manager.zeros(new Shape(1, 3, 4, 5)))));
        }
    }

    /** RGB 0.5, visible everywhere but (1, 1), amodal everywhere. */
    private static NDArray input(NDManager manager) {
        float[] data = new float[5 * 16];
        for (int i = 0; i < 16; i++) {
            data[i] = 0.5f;
            data[16 + i] = 0.5f;
            data[32 + i] = 0.5f;
            data[48 + i] = i == 5 ? 0f : 1f;
            data[64 + i] = 1f;
        }
        data[5] = 0f;
        data[16 + 5] = 0f;
        data[32 + 5] = 0f;
        return manager.create(data, new Shape(1, 5, 4, 4));
    }
}
