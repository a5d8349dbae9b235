package io.deocc.content.internal;

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
import io.deocc.api.spi.PluginContext;
import org.junit.jupiter.api.Test;

/** The reference recoverer bounds its crop (the amodal box) by {@code limits.max-crop-pixels}. */
class ReferenceContentRecovererCropLimitTest {
    private static final int SIZE = 40;
    private static final BinaryMask VISIBLE = BinaryMask.ofBox(SIZE, SIZE, new Box(10, 5, 10, 20));
    /** The amodal box is 10x30: 300 pixels. */
    private static final MaskCompletion MASKS = new MaskCompletion(VISIBLE, BinaryMask.ofBox(SIZE, SIZE, new Box(10, 5, 10, 30)));
    private static final PersonInstance PERSON = PersonInstance.of(2, VISIBLE);

    private static RgbImage image() {
        int[] pixels = new int[SIZE * SIZE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = VISIBLE.get(i) ? 0xC02020 : 0x20A020;
        }
        return RgbImage.of(SIZE, SIZE, pixels);
    }

    private static ContentRecoverer recoverer(long maxCropPixels) {
        return new ReferenceContentRecovererFactory().create(ComponentConfig.empty(),
                PluginContext.of(ResourceLimits.defaults().withMaxCropPixels(maxCropPixels)));
    }

    @Test
    void aCropAtTheLimitIsPainted() {
        try (ContentRecoverer recoverer = recoverer(300)) {
            RgbImage composite = recoverer.recover(image(), PERSON, MASKS).composite();
            // a hidden pixel is painted from the visible red person, not left green
            assertEquals(0xC02020, composite.rgb(15, 30));
        }
    }

    @Test
    void aCropOverTheLimitIsCropTooLargeNamingThePerson() {
        try (ContentRecoverer recoverer = recoverer(299)) {
            DeoccException e = assertThrows(DeoccException.class, () -> recoverer.recover(image(), PERSON, MASKS));
            assertEquals(ErrorCode.CROP_TOO_LARGE, e.errorCode());
            assertTrue(e.getMessage().contains("person 2") && e.getMessage().contains("10x30"), e.getMessage());
            assertTrue(e.getMessage().contains("limits.max-crop-pixels"), e.getMessage());
        }
    }
}
