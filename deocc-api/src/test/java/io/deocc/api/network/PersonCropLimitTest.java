package io.deocc.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.Box;
import org.junit.jupiter.api.Test;

class PersonCropLimitTest {
    @Test
    void aCropWithinTheLimitPassesAndIsReturned() {
        // side 80 at (15, 5) in a 200x100 image: the whole 80x80 window lies inside, 6 400 pixels
        PersonCrop crop = PersonCrop.around(new Box(40, 20, 30, 50), 200, 100, 64);
        assertSame(crop, crop.checkWithin(ResourceLimits.defaults().withMaxCropPixels(6_400), "person 1's crop"));
    }

    @Test
    void aCropOverTheLimitIsCropTooLargeNamingThePersonAndTheSetting() {
        PersonCrop crop = PersonCrop.around(new Box(40, 20, 30, 50), 200, 100, 64);
        DeoccException e = assertThrows(DeoccException.class,
                () -> crop.checkWithin(ResourceLimits.defaults().withMaxCropPixels(6_399), "the crop around person 7"));
        assertEquals(ErrorCode.CROP_TOO_LARGE, e.errorCode());
        assertTrue(e.getMessage().contains("the crop around person 7 is 80x80"), e.getMessage());
        assertTrue(e.getMessage().contains("limits.max-crop-pixels"), e.getMessage());
    }

    @Test
    void onlyThePartOfTheWindowInsideTheImageCounts() {
        // a 32-pixel window at the top-left corner reaches 11 and 6 pixels past the image's edges
        PersonCrop corner = PersonCrop.around(new Box(0, 0, 10, 20), 100, 100, 32);
        Box inside = corner.visibleWindow();
        long pixels = (long) inside.width() * inside.height();
        assertTrue(pixels < 32 * 32, inside.toString());
        ResourceLimits exact = ResourceLimits.defaults().withMaxCropPixels(pixels);
        assertSame(corner, corner.checkWithin(exact, "corner"));
        assertEquals(ErrorCode.CROP_TOO_LARGE, assertThrows(DeoccException.class,
                () -> corner.checkWithin(exact.withMaxCropPixels(pixels - 1), "corner")).errorCode());
    }

    @Test
    void aLetterboxCountsTheWholeImage() {
        PersonCrop letterbox = PersonCrop.letterbox(30, 10, 16);
        letterbox.checkWithin(ResourceLimits.defaults().withMaxCropPixels(300), "the letterbox");
        DeoccException e = assertThrows(DeoccException.class,
                () -> letterbox.checkWithin(ResourceLimits.defaults().withMaxCropPixels(299), "the letterbox"));
        assertTrue(e.getMessage().contains("30x10"), e.getMessage());
    }

    @Test
    void nullArgumentsAreInvalidArguments() {
        PersonCrop crop = PersonCrop.letterbox(30, 10, 16);
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> crop.checkWithin(null, "x")).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> crop.checkWithin(ResourceLimits.defaults(), null)).errorCode());
    }
}
