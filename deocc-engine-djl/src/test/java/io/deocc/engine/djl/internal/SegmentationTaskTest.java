package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.spi.Stage;
import io.deocc.data.Sample;
import io.deocc.model.BackboneSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The segmentation loss's weight map: object occluders are background (weight 1), occluders that may
 * be people or are of unknown kind are left out (weight 0), everything else counts.
 */
class SegmentationTaskTest {
    private static final int SIZE = 32;

    @Test
    void occludersCountOnlyWhenTheSampleKnowsTheyAreObjects() {
        assertEquals(SIZE * SIZE, countedPixels(Optional.of(false)), "object occluders are plain background");
        int occluder = 8 * 8;
        assertEquals(SIZE * SIZE - occluder, countedPixels(Optional.of(true)), "a person occluder is left out");
        assertEquals(SIZE * SIZE - occluder, countedPixels(Optional.empty()), "an unknown occluder is left out");
    }

    private static int countedPixels(Optional<Boolean> occluderHoldsPeople) {
        BinaryMask amodal = BinaryMask.ofBox(SIZE, SIZE, new Box(4, 4, 12, 20));
        BinaryMask occluderMask = BinaryMask.ofBox(SIZE, SIZE, new Box(20, 4, 8, 8));
        Sample sample = new Sample("s", RgbImage.filled(SIZE, SIZE, 0x808080), amodal, amodal, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(occluderMask), occluderHoldsPeople);
        NetworkTask task = NetworkTask.of(Stage.SEGMENTATION, UNetBackbone.NAME, new BackboneSpec(3, 1, 2, 1), SIZE, 1.6, 0);
        try (NDManager manager = TestEngine.get().newManager()) {
            NDList labels = task.batch(manager, List.of(sample))[1];
            assertEquals(amodal.area(), (int) labels.get(0).sum().getFloat(), "the target is the visible mask");
            return (int) labels.get(1).sum().getFloat();
        }
    }
}
