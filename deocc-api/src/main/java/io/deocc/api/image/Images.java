package io.deocc.api.image;

import static io.deocc.api.DeoccException.checkArgument;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

/** Size checks shared by the image types. */
final class Images {
    /** No single raster may exceed what a Java array can index. */
    static final long MAX_PIXELS = Integer.MAX_VALUE - 8;

    private Images() {}

    static int checkedPixels(String what, int width, int height) {
        checkArgument(width > 0 && height > 0, what + " size " + width + "x" + height + " is empty: width and height must be at least 1");
        long pixels = (long) width * height;
        if (pixels > MAX_PIXELS) {
            throw new DeoccException(ErrorCode.IMAGE_TOO_LARGE,
                    what + " size " + width + "x" + height + " has " + pixels + " pixels, more than a raster can hold (" + MAX_PIXELS + ")");
        }
        return (int) pixels;
    }

    /** Bounds check for per-pixel accessors: builds its message only when it fails. */
    static void checkPixel(String what, int x, int y, int width, int height) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw DeoccException.invalidArgument("pixel (" + x + ", " + y + ") is outside the " + width + "x" + height + " " + what);
        }
    }

    static void checkLength(String what, int width, int height, int length) {
        int pixels = checkedPixels(what, width, height);
        checkArgument(length == pixels, what + " data has " + length + " values but " + width + "x" + height + " needs " + pixels);
    }

    static void checkSameSize(String what, int width, int height, String otherWhat, int otherWidth, int otherHeight) {
        if (width != otherWidth || height != otherHeight) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH,
                    what + " is " + width + "x" + height + " but " + otherWhat + " is " + otherWidth + "x" + otherHeight
                            + ": both must have the same size");
        }
    }
}
