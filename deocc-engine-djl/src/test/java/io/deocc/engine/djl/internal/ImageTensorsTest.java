package io.deocc.engine.djl.internal;

import io.deocc.api.network.ImageTensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;

class ImageTensorsTest {
    @Test
    void packsChannelsFirstScaledToUnitRange() {
        RgbImage image = RgbImage.of(2, 1, new int[] {0xFF8000, 0x0000FF});
        BinaryMask mask = BinaryMask.of(2, 1, new boolean[] {false, true});
        try (NDManager manager = TestEngine.get().newManager()) {
            NDArray tensor = DjlTensors.array(manager, ImageTensors.imagesWithMasks(List.of(image), List.of(mask)));
            assertEquals(new Shape(1, 4, 1, 2), tensor.getShape());
            assertEquals(1f, tensor.getFloat(0, 0, 0, 0), 0f);
            assertEquals(128f / 255f, tensor.getFloat(0, 1, 0, 0), 1e-7f);
            assertEquals(0f, tensor.getFloat(0, 2, 0, 0), 0f);
            assertEquals(1f, tensor.getFloat(0, 2, 0, 1), 0f);
            assertEquals(0f, tensor.getFloat(0, 3, 0, 0), 0f);
            assertEquals(1f, tensor.getFloat(0, 3, 0, 1), 0f);
            NDArray masks = DjlTensors.array(manager, ImageTensors.masks(List.of(mask, mask.not())));
            assertEquals(new Shape(2, 1, 1, 2), masks.getShape());
            assertEquals(1f, masks.getFloat(1, 0, 0, 0), 0f);
        }
    }

    @Test
    void rejectsMismatchedBatches() {
        RgbImage image = RgbImage.filled(2, 2, 0);
        try (NDManager manager = TestEngine.get().newManager()) {
            DeoccException size = assertThrows(DeoccException.class, () -> DjlTensors.array(manager, ImageTensors.imagesWithMasks(List.of(image), List.of(BinaryMask.empty(3, 2)))));
            assertEquals(ErrorCode.SIZE_MISMATCH, size.errorCode());
            assertThrows(DeoccException.class, () -> DjlTensors.array(manager, ImageTensors.masks(List.of())));
            assertThrows(DeoccException.class, () -> DjlTensors.array(manager, ImageTensors.imagesWithMasks(List.of(image), List.of())));
        }
    }
}
