package io.deocc.mask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference completer bounds the region it searches around a person by {@code limits.max-crop-pixels}. */
class ReferenceMaskCompleterCropLimitTest {
    private static final int WIDTH = 100;
    private static final int HEIGHT = 160;
    private static final RgbImage GREY = RgbImage.of(WIDTH, HEIGHT, new int[WIDTH * HEIGHT]);
    /** A 30x120 person: with max-scale 1 the search region is this box, 3 600 pixels. */
    private static final PersonInstance PERSON = PersonInstance.of(4, BinaryMask.ofBox(WIDTH, HEIGHT, new Box(35, 10, 30, 120)));

    private static MaskCompleter create(Map<String, String> config, long maxCropPixels) {
        return new ReferenceMaskCompleterFactory().create(ComponentConfig.of(config),
                PluginContext.of(ResourceLimits.defaults().withMaxCropPixels(maxCropPixels)));
    }

    @Test
    void aSearchRegionAtTheLimitIsCompleted() {
        try (MaskCompleter completer = create(Map.of("max-scale", "1"), 3_600)) {
            assertTrue(completer.complete(GREY, PERSON).amodal().containsAll(PERSON.visibleMask()));
        }
    }

    @Test
    void aSearchRegionOverTheLimitIsCropTooLargeNamingThePerson() {
        try (MaskCompleter completer = create(Map.of("max-scale", "1"), 3_599)) {
            DeoccException e = assertThrows(DeoccException.class, () -> completer.complete(GREY, PERSON));
            assertEquals(ErrorCode.CROP_TOO_LARGE, e.errorCode());
            assertTrue(e.getMessage().contains("person 4") && e.getMessage().contains("30x120"), e.getMessage());
            assertTrue(e.getMessage().contains("limits.max-crop-pixels"), e.getMessage());
        }
    }

    @Test
    void theDefaultMaxScaleSearchesTheWholeImageHere() {
        // max-scale 3 reaches 2 x 120 pixels beyond the box on every side: clipped, the whole 100x160 image
        try (MaskCompleter completer = create(Map.of(), WIDTH * HEIGHT - 1)) {
            DeoccException e = assertThrows(DeoccException.class, () -> completer.complete(GREY, PERSON));
            assertTrue(e.getMessage().contains("100x160"), e.getMessage());
        }
        try (MaskCompleter completer = create(Map.of(), WIDTH * HEIGHT)) {
            assertTrue(completer.complete(GREY, PERSON).amodal().containsAll(PERSON.visibleMask()));
        }
    }
}
