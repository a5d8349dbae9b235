package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each network component checks the region it cuts out against {@code limits.max-crop-pixels} before it
 * builds a tensor. The sizes are hand-derived: a 10x10 box with the default context 1.6 gets a 16x16
 * window at (17, 17), wholly inside the 60x60 image — 256 pixels; a letterbox covers the whole image.
 */
class CropLimitTest {
    private static final int SIZE = 60;
    private static final RgbImage IMAGE = RgbImage.of(SIZE, SIZE, new int[SIZE * SIZE]);
    private static final BinaryMask BOX = BinaryMask.ofBox(SIZE, SIZE, new Box(20, 20, 10, 10));
    private static final PersonInstance PERSON = PersonInstance.of(3, BOX);

    private static PluginContext limit(long maxCropPixels) {
        return PluginContext.of(ResourceLimits.defaults().withMaxCropPixels(maxCropPixels));
    }

    private static ComponentConfig model(Path card) {
        return ComponentConfig.of(Map.of("model", card.toString(), "threads", "2"));
    }

    @Test
    void theMaskCompleterRefusesACropOverTheLimitAndRunsOneAtIt() {
        DjlMaskCompleterFactory factory = new DjlMaskCompleterFactory();
        try (MaskCompleter tight = factory.create(model(TestModels.validCard()), limit(255))) {
            assertCropTooLarge(() -> tight.complete(IMAGE, PERSON), "djl-mask crop around person 3", "16x16");
        }
        try (MaskCompleter exact = factory.create(model(TestModels.validCard()), limit(256))) {
            assertTrue(exact.complete(IMAGE, PERSON).amodal().containsAll(BOX));
        }
    }

    @Test
    void theContentRecovererRefusesACropOverTheLimit() {
        // a 10x6 visible part of the 10x10 amodal box: the crop follows the amodal box
        BinaryMask visible = BinaryMask.ofBox(SIZE, SIZE, new Box(20, 20, 10, 6));
        MaskCompletion masks = new MaskCompletion(visible, BOX);
        DjlContentRecovererFactory factory = new DjlContentRecovererFactory();
        try (ContentRecoverer tight = factory.create(model(TestModels.validContentCard()), limit(255))) {
            assertCropTooLarge(() -> tight.recover(IMAGE, PersonInstance.of(3, visible), masks), "djl-content crop around person 3",
                    "16x16");
        }
    }

    @Test
    void theSegmenterRefusesALetterboxOverTheLimit() {
        RgbImage image = RgbImage.of(40, 30, new int[40 * 30]);
        DjlSegmenterFactory factory = new DjlSegmenterFactory();
        try (Segmenter tight = factory.create(model(SegmenterModels.redDetector()), limit(40 * 30 - 1))) {
            assertCropTooLarge(() -> tight.segment(SegmentationRequest.of(image)), "djl-segmenter letterbox", "40x30");
        }
        try (Segmenter exact = factory.create(model(SegmenterModels.redDetector()), limit(40 * 30))) {
            // a black image holds no red person
            assertEquals(0, exact.segment(SegmentationRequest.of(image)).size());
        }
    }

    private static void assertCropTooLarge(Executable call, String named, String size) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(ErrorCode.CROP_TOO_LARGE, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains(named) && e.getMessage().contains(size), e.getMessage());
        assertTrue(e.getMessage().contains("limits.max-crop-pixels"), e.getMessage());
    }
}
