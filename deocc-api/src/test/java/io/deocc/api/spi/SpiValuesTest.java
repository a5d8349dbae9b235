package io.deocc.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** SegmentationRequest, PluginContext, Stage and the DeoccPlugin defaults. */
class SpiValuesTest {
    private static final RgbImage IMAGE = RgbImage.filled(2, 2, 0);

    @Test
    void segmentationRequestOfHasNoNameAndNoMasks() {
        SegmentationRequest request = SegmentationRequest.of(IMAGE);
        assertEquals(IMAGE, request.image());
        assertEquals(Optional.empty(), request.imageName());
        assertEquals(List.of(), request.maskFiles());
    }

    @Test
    void segmentationRequestCopiesTheMaskList() {
        List<Path> masks = new ArrayList<>(List.of(Path.of("a.png")));
        SegmentationRequest request = new SegmentationRequest(IMAGE, Optional.of("img.jpg"), masks);
        masks.add(Path.of("b.png"));
        assertEquals(List.of(Path.of("a.png")), request.maskFiles());
        assertThrows(UnsupportedOperationException.class, () -> request.maskFiles().add(Path.of("c.png")));
    }

    @Test
    void segmentationRequestNullsAreInvalidArguments() {
        for (Executable call : new Executable[] {
            () -> SegmentationRequest.of(null),
            () -> new SegmentationRequest(IMAGE, null, List.of()),
            () -> new SegmentationRequest(IMAGE, Optional.empty(), null),
            () -> new SegmentationRequest(IMAGE, Optional.empty(), Arrays.asList(Path.of("a.png"), null))}) {
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, call).errorCode());
        }
    }

    @Test
    void pluginContext() {
        assertEquals(ResourceLimits.defaults(), PluginContext.defaults().limits());
        ResourceLimits limits = ResourceLimits.defaults().withMaxImagePixels(10).withMaxPeople(2);
        assertEquals(limits, PluginContext.of(limits).limits());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> PluginContext.of(null)).errorCode());
    }

    @Test
    void pluginProvidesNothingByDefault() {
        DeoccPlugin plugin = () -> "empty-plugin";
        assertTrue(plugin.segmenters().isEmpty());
        assertTrue(plugin.maskCompleters().isEmpty());
        assertTrue(plugin.contentRecoverers().isEmpty());
    }

    @Test
    void stagesAreInPipelineOrder() {
        assertEquals(List.of(Stage.SEGMENTATION, Stage.MASK_COMPLETION, Stage.CONTENT_RECOVERY), List.of(Stage.values()));
    }
}
