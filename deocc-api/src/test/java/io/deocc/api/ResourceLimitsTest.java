package io.deocc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResourceLimitsTest {
    @Test
    void defaults() {
        ResourceLimits limits = ResourceLimits.defaults();
        assertEquals(50_000_000L, limits.maxImagePixels());
        assertEquals(64, limits.maxPeople());
    }

    @Test
    void withersChangeOneLimit() {
        ResourceLimits limits = ResourceLimits.defaults().withMaxImagePixels(100).withMaxPeople(3);
        assertEquals(new ResourceLimits(100, 3, ResourceLimits.DEFAULT_MAX_CROP_PIXELS, ResourceLimits.DEFAULT_ITEM_TIMEOUT), limits);
        assertEquals(64, ResourceLimits.defaults().withMaxImagePixels(100).maxPeople());
    }

    @Test
    void limitsBelowOneAreRefused() {
        DeoccException e = assertThrows(DeoccException.class, () -> ResourceLimits.defaults().withMaxImagePixels(0));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("maxImagePixels 0"), e.getMessage());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> ResourceLimits.defaults().withMaxPeople(0)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(DeoccException.class, () -> ResourceLimits.defaults().withMaxPeople(-3)).errorCode());
    }

    @Test
    void imageSizeAtTheLimitPassesAndOneMoreFails() {
        ResourceLimits limits = ResourceLimits.defaults().withMaxImagePixels(12);
        limits.checkImageSize("a.png", 4, 3);
        limits.checkImageSize("a.png", 12, 1);
        DeoccException e = assertThrows(DeoccException.class, () -> limits.checkImageSize("a.png", 13, 1));
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.errorCode());
        assertTrue(e.getMessage().contains("a.png") && e.getMessage().contains("13x1") && e.getMessage().contains("12"), e.getMessage());
    }

    @Test
    void emptyImageIsUnreadable() {
        ResourceLimits limits = ResourceLimits.defaults();
        assertEquals(ErrorCode.IMAGE_UNREADABLE, assertThrows(DeoccException.class, () -> limits.checkImageSize("a", 0, 5)).errorCode());
        assertEquals(ErrorCode.IMAGE_UNREADABLE, assertThrows(DeoccException.class, () -> limits.checkImageSize("a", 5, -1)).errorCode());
    }

    @Test
    void hugeSizesDoNotOverflowPastTheCheck() {
        // 2^32 * 2^32 wraps to 0 in a long: the check must still refuse it.
        ResourceLimits limits = ResourceLimits.defaults();
        DeoccException e = assertThrows(DeoccException.class, () -> limits.checkImageSize("a", 1L << 32, 1L << 32));
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.errorCode());
        assertEquals(ErrorCode.IMAGE_TOO_LARGE,
                assertThrows(DeoccException.class, () -> limits.checkImageSize("a", Long.MAX_VALUE, 3)).errorCode());
        // and the largest limit still lets through what it should
        ResourceLimits.defaults().withMaxImagePixels(Long.MAX_VALUE).checkImageSize("a", Long.MAX_VALUE, 1);
    }

    @Test
    void cropSizeAtTheLimitPassesAndOneMoreFails() {
        ResourceLimits limits = ResourceLimits.defaults().withMaxCropPixels(100);
        limits.checkCropSize("crop", 10, 10);
        DeoccException e = assertThrows(DeoccException.class, () -> limits.checkCropSize("person 3's crop", 101, 1));
        assertEquals(ErrorCode.CROP_TOO_LARGE, e.errorCode());
        assertTrue(e.getMessage().contains("person 3's crop") && e.getMessage().contains("limits.max-crop-pixels"), e.getMessage());
        assertEquals(ErrorCode.CROP_TOO_LARGE,
                assertThrows(DeoccException.class, () -> limits.checkCropSize("c", 1L << 32, 1L << 32)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> limits.checkCropSize("c", 0, 3)).errorCode());
    }

    @Test
    void itemTimeoutMustBePositive() {
        assertEquals(java.time.Duration.ofMinutes(10), ResourceLimits.defaults().itemTimeout());
        assertEquals(java.time.Duration.ofSeconds(3), ResourceLimits.defaults().withItemTimeout(java.time.Duration.ofSeconds(3)).itemTimeout());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                () -> ResourceLimits.defaults().withItemTimeout(java.time.Duration.ZERO)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                () -> ResourceLimits.defaults().withItemTimeout(null)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                () -> ResourceLimits.defaults().withMaxCropPixels(0)).errorCode());
    }
}
