package io.deocc.api;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Limits that protect a process from hostile or absurd input. Checked before work is done: image
 * sizes are read from the file header before any pixel is decoded, crop sizes before a network's
 * tensors are allocated.
 *
 * @param maxImagePixels largest accepted image, width times height (default 50 MP)
 * @param maxPeople most people processed in one image (default 64)
 * @param maxCropPixels largest region around one person that a component may cut out and scale,
 *     width times height (default 16 MP); it bounds the per-person buffers of network components
 * @param itemTimeout longest time one item of a batch may take before it is given up and reported
 *     as {@link ErrorCode#TIMEOUT} (default 10 minutes)
 */
public record ResourceLimits(long maxImagePixels, int maxPeople, long maxCropPixels, Duration itemTimeout) {
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;
    public static final int DEFAULT_MAX_PEOPLE = 64;
    public static final long DEFAULT_MAX_CROP_PIXELS = 16_000_000L;
    public static final Duration DEFAULT_ITEM_TIMEOUT = Duration.ofMinutes(10);

    public ResourceLimits {
        checkArgument(maxImagePixels >= 1, "maxImagePixels " + maxImagePixels + " must be at least 1");
        checkArgument(maxPeople >= 1, "maxPeople " + maxPeople + " must be at least 1");
        checkArgument(maxCropPixels >= 1, "maxCropPixels " + maxCropPixels + " must be at least 1");
        checkNotNull(itemTimeout, "itemTimeout");
        checkArgument(!itemTimeout.isNegative() && !itemTimeout.isZero(), "itemTimeout " + itemTimeout + " must be positive");
    }

    public static ResourceLimits defaults() {
        return new ResourceLimits(DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MAX_PEOPLE, DEFAULT_MAX_CROP_PIXELS, DEFAULT_ITEM_TIMEOUT);
    }

    public ResourceLimits withMaxImagePixels(long pixels) {
        return new ResourceLimits(pixels, maxPeople, maxCropPixels, itemTimeout);
    }

    public ResourceLimits withMaxPeople(int people) {
        return new ResourceLimits(maxImagePixels, people, maxCropPixels, itemTimeout);
    }

    public ResourceLimits withMaxCropPixels(long pixels) {
        return new ResourceLimits(maxImagePixels, maxPeople, pixels, itemTimeout);
    }

    public ResourceLimits withItemTimeout(Duration timeout) {
        return new ResourceLimits(maxImagePixels, maxPeople, maxCropPixels, timeout);
    }

    /** Throws {@link ErrorCode#IMAGE_TOO_LARGE} when a {@code width x height} image is over the limit. */
    public void checkImageSize(String source, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new DeoccException(ErrorCode.IMAGE_UNREADABLE, source + " has size " + width + "x" + height + ": an image needs at least one pixel");
        }
        if (over(width, height, maxImagePixels)) {
            throw new DeoccException(ErrorCode.IMAGE_TOO_LARGE, source + " is " + width + "x" + height + " (" + pixels(width, height)
                    + " pixels), over the limit of " + maxImagePixels + " pixels: downscale it or raise the limit (limits.max-image-pixels)");
        }
    }

    /** Throws {@link ErrorCode#CROP_TOO_LARGE} when a {@code width x height} crop around a person is over the limit. */
    public void checkCropSize(String what, long width, long height) {
        checkArgument(width > 0 && height > 0, what + " has size " + width + "x" + height + ": a crop needs at least one pixel");
        if (over(width, height, maxCropPixels)) {
            throw new DeoccException(ErrorCode.CROP_TOO_LARGE, what + " is " + width + "x" + height + " (" + pixels(width, height)
                    + " pixels), over the limit of " + maxCropPixels + " pixels: downscale the image or raise the limit (limits.max-crop-pixels)");
        }
    }

    // width > max / height is width * height > max without the long overflow of huge header values
    private static boolean over(long width, long height, long max) {
        return width > max / height;
    }

    private static BigInteger pixels(long width, long height) {
        return BigInteger.valueOf(width).multiply(BigInteger.valueOf(height));
    }
}
