package io.deocc.api;

import static io.deocc.api.DeoccException.checkArgument;

import java.math.BigInteger;

/**
 * Limits that protect a process from hostile or absurd input. Checked before work is done: image
 * sizes are read from the file header before any pixel is decoded.
 *
 * @param maxImagePixels largest accepted image, width times height (default 50 MP)
 * @param maxPeople most people processed in one image (default 64)
 */
public record ResourceLimits(long maxImagePixels, int maxPeople) {
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;
    public static final int DEFAULT_MAX_PEOPLE = 64;

    public ResourceLimits {
        checkArgument(maxImagePixels >= 1, "maxImagePixels " + maxImagePixels + " must be at least 1");
        checkArgument(maxPeople >= 1, "maxPeople " + maxPeople + " must be at least 1");
    }

    public static ResourceLimits defaults() {
        return new ResourceLimits(DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MAX_PEOPLE);
    }

    public ResourceLimits withMaxImagePixels(long pixels) {
        return new ResourceLimits(pixels, maxPeople);
    }

    public ResourceLimits withMaxPeople(int people) {
        return new ResourceLimits(maxImagePixels, people);
    }

    /** Throws {@link ErrorCode#IMAGE_TOO_LARGE} when a {@code width x height} image is over the limit. */
    public void checkImageSize(String source, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new DeoccException(ErrorCode.IMAGE_UNREADABLE, source + " has size " + width + "x" + height + ": an image needs at least one pixel");
        }
        // width > max / height is width * height > max without the long overflow of huge header values
        if (width > maxImagePixels / height) {
            BigInteger pixels = BigInteger.valueOf(width).multiply(BigInteger.valueOf(height));
            throw new DeoccException(ErrorCode.IMAGE_TOO_LARGE, source + " is " + width + "x" + height + " (" + pixels
                    + " pixels), over the limit of " + maxImagePixels + " pixels: downscale it or raise the limit (max-image-pixels)");
        }
    }
}
