package io.deocc.api.network;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;

/**
 * A square window around a person, resized to a fixed {@code size × size} grid, and the way back.
 *
 * <p>The window is {@code side × side} image pixels with its top-left corner at
 * ({@code originX}, {@code originY}); it may extend past the image, and what lies outside the image
 * reads as black (images) or background (masks). Keeping the window square means a network sees a
 * person with its true aspect ratio, letterboxed by the black outside. Grid pixel {@code (u, v)}
 * covers the window's pixels whose centres map to it: its centre lies at image coordinate
 * {@code originX + (u + 0.5) · side / size} (likewise for {@code v}).
 *
 * <p>Typical use: {@link #around(Box, int, int, int)} the person's visible box, {@link #cropImage}
 * and {@link #cropMask} to build a network's input, then {@link #pasteMask} or
 * {@link #pasteProbabilities} to bring its {@code size × size} output back into the image frame.
 *
 * @param imageWidth width of the image the window lives in
 * @param imageHeight height of that image
 * @param originX left edge of the window in image pixels; may be negative
 * @param originY top edge of the window in image pixels; may be negative
 * @param side the window's side in image pixels
 * @param size the side of the resized grid
 */
public record PersonCrop(int imageWidth, int imageHeight, int originX, int originY, int side, int size) {
    /** The window's side relative to the longer side of the person's box when none is given. */
    public static final double DEFAULT_CONTEXT = 1.6;

    /** Largest accepted grid side; far above any network input, small enough to never overflow. */
    public static final int MAX_SIZE = 8192;

    public PersonCrop {
        checkArgument(imageWidth >= 1 && imageHeight >= 1,
                "image size " + imageWidth + "x" + imageHeight + " is empty: a crop needs an image of at least 1x1 pixels");
        checkArgument(side >= 1, "crop side " + side + " must be at least 1 pixel");
        checkArgument(size >= 1 && size <= MAX_SIZE, "crop size " + size + " must be from 1 to " + MAX_SIZE + " pixels");
        checkArgument((long) originX + side <= Integer.MAX_VALUE && (long) originY + side <= Integer.MAX_VALUE
                        && (long) originX - side >= Integer.MIN_VALUE && (long) originY - side >= Integer.MIN_VALUE,
                "crop window at (" + originX + ", " + originY + ") with side " + side + " overflows int coordinates: use a smaller window");
        checkArgument((long) originX + side > 0 && originX < imageWidth && (long) originY + side > 0 && originY < imageHeight,
                "crop window at (" + originX + ", " + originY + ") with side " + side + " does not overlap the " + imageWidth + "x"
                        + imageHeight + " image: place the window over the person");
    }

    /** A window {@link #DEFAULT_CONTEXT} times the longer side of {@code box}, centred on it. */
    public static PersonCrop around(Box box, int imageWidth, int imageHeight, int size) {
        return around(box, imageWidth, imageHeight, size, DEFAULT_CONTEXT);
    }

    /**
     * A square window centred on {@code box}, its side {@code context} times the box's longer side
     * (rounded up), resized to {@code size × size}.
     *
     * @param box the person's visible box; must lie inside the image
     * @param context at least 1; 1.6 leaves room for hidden body parts outside the visible box
     */
    public static PersonCrop around(Box box, int imageWidth, int imageHeight, int size, double context) {
        checkNotNull(box, "box");
        checkArgument(imageWidth >= 1 && imageHeight >= 1,
                "image size " + imageWidth + "x" + imageHeight + " is empty: a crop needs an image of at least 1x1 pixels");
        checkArgument(box.fitsIn(imageWidth, imageHeight),
                "person box " + box + " does not fit in the " + imageWidth + "x" + imageHeight + " image: give the box of a mask of the image's size");
        checkArgument(Double.isFinite(context) && context >= 1.0 && context <= 16.0,
                "crop context " + context + " must be a number from 1 to 16 (times the box's longer side)");
        int longer = Math.max(box.width(), box.height());
        int side = (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(longer * context));
        // Centre the window on the box; floorDiv keeps the rounding the same on both sides of zero.
        int originX = (int) Math.floorDiv(2L * box.x() + box.width() - side, 2L);
        int originY = (int) Math.floorDiv(2L * box.y() + box.height() - side, 2L);
        return new PersonCrop(imageWidth, imageHeight, originX, originY, side, size);
    }

    /**
     * The whole image letterboxed into {@code size × size}: a square window of the image's longer side,
     * centred, so the image keeps its aspect ratio and the shorter side is padded with black (background)
     * on both ends, the two pads differing by at most one pixel. {@link #pasteProbabilities} then brings
     * a network's output over the whole image back to the image's size.
     */
    public static PersonCrop letterbox(int imageWidth, int imageHeight, int size) {
        checkArgument(imageWidth >= 1 && imageHeight >= 1,
                "image size " + imageWidth + "x" + imageHeight + " is empty: a letterbox needs an image of at least 1x1 pixels");
        int side = Math.max(imageWidth, imageHeight);
        return new PersonCrop(imageWidth, imageHeight, Math.floorDiv(imageWidth - side, 2),
                Math.floorDiv(imageHeight - side, 2), side, size);
    }

    /** Grid pixels per image pixel: above 1 when the window is enlarged. */
    public double scale() {
        return size / (double) side;
    }

    /** The part of the window that lies inside the image. */
    public Box visibleWindow() {
        int x0 = Math.max(0, originX);
        int y0 = Math.max(0, originY);
        int x1 = (int) Math.min(imageWidth, (long) originX + side);
        int y1 = (int) Math.min(imageHeight, (long) originY + side);
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * Checks this crop against {@link ResourceLimits#maxCropPixels()} before anything is cut out: the
     * measure is the part of the window inside the image ({@link #visibleWindow()}), the pixels a component
     * reads and resamples; black padding outside the image costs nothing and is not counted. Components
     * call this right after computing the crop, so that an oversized person fails alone and early.
     *
     * @param what names the crop in the error with its person, e.g. {@code "the djl-mask crop around person 3"}
     * @return this crop
     * @throws DeoccException {@link ErrorCode#CROP_TOO_LARGE} when the crop is over the limit
     */
    public PersonCrop checkWithin(ResourceLimits limits, String what) {
        checkNotNull(limits, "limits");
        checkNotNull(what, "what");
        Box window = visibleWindow();
        limits.checkCropSize(what, window.width(), window.height());
        return this;
    }

    /** The window's pixels resized to {@code size × size} bilinearly; black outside the image. */
    public RgbImage cropImage(RgbImage image) {
        checkNotNull(image, "image");
        checkFrame("image", image.width(), image.height());
        int[] src = image.toArray();
        int[] out = new int[size * size];
        double step = side / (double) size;
        for (int v = 0; v < size; v++) {
            double fy = originY + (v + 0.5) * step - 0.5;
            int y0 = (int) Math.floor(fy);
            double wy = fy - y0;
            for (int u = 0; u < size; u++) {
                double fx = originX + (u + 0.5) * step - 0.5;
                int x0 = (int) Math.floor(fx);
                double wx = fx - x0;
                int p00 = pixel(src, x0, y0);
                int p10 = pixel(src, x0 + 1, y0);
                int p01 = pixel(src, x0, y0 + 1);
                int p11 = pixel(src, x0 + 1, y0 + 1);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double top = ((p00 >> shift) & 0xFF) * (1 - wx) + ((p10 >> shift) & 0xFF) * wx;
                    double bottom = ((p01 >> shift) & 0xFF) * (1 - wx) + ((p11 >> shift) & 0xFF) * wx;
                    int c = (int) Math.round(top * (1 - wy) + bottom * wy);
                    rgb |= Math.min(255, Math.max(0, c)) << shift;
                }
                out[v * size + u] = rgb;
            }
        }
        return RgbImage.of(size, size, out);
    }

    /** The window's mask pixels resized to {@code size × size} by nearest neighbour; unset outside the image. */
    public BinaryMask cropMask(BinaryMask mask) {
        checkNotNull(mask, "mask");
        checkFrame("mask", mask.width(), mask.height());
        int[] source = nearestImagePixels();
        return BinaryMask.fromIndex(size, size, i -> source[i] >= 0 && mask.get(source[i]));
    }

    /** The window's parsing labels resized to {@code size × size} by nearest neighbour; background (0) outside the image. */
    public ParsingMap cropLabels(ParsingMap parsing) {
        checkNotNull(parsing, "parsing");
        checkFrame("parsing", parsing.width(), parsing.height());
        int[] source = nearestImagePixels();
        byte[] out = new byte[source.length];
        for (int i = 0; i < source.length; i++) {
            out[i] = source[i] < 0 ? 0 : (byte) parsing.label(source[i]);
        }
        return ParsingMap.of(size, size, out);
    }

    /**
     * {@code size × size} parsing labels pasted back at the image's size by nearest neighbour, as
     * {@link #pasteMask} pastes masks; background (0) outside the window.
     */
    public ParsingMap pasteLabels(ParsingMap grid) {
        checkNotNull(grid, "grid parsing");
        checkGrid("grid parsing", grid.width(), grid.height());
        int[] source = nearestGridPixels();
        byte[] out = new byte[source.length];
        for (int i = 0; i < source.length; i++) {
            out[i] = source[i] < 0 ? 0 : (byte) grid.label(source[i]);
        }
        return ParsingMap.of(imageWidth, imageHeight, out);
    }

    /**
     * A {@code size × size} mask pasted back at the image's size by nearest neighbour; pixels outside
     * the window are unset.
     */
    public BinaryMask pasteMask(BinaryMask grid) {
        checkNotNull(grid, "grid mask");
        checkGrid("grid mask", grid.width(), grid.height());
        int[] source = nearestGridPixels();
        return BinaryMask.fromIndex(imageWidth, imageHeight, i -> source[i] >= 0 && grid.get(source[i]));
    }

    /** For each grid pixel (row-major), the index of the image pixel its centre falls in, or -1 outside the image. */
    private int[] nearestImagePixels() {
        int[] srcX = gridToImage(originX);
        int[] srcY = gridToImage(originY);
        int[] out = new int[size * size];
        for (int v = 0; v < size; v++) {
            int y = srcY[v];
            for (int u = 0; u < size; u++) {
                int x = srcX[u];
                boolean inside = y >= 0 && y < imageHeight && x >= 0 && x < imageWidth;
                out[v * size + u] = inside ? y * imageWidth + x : -1;
            }
        }
        return out;
    }

    /** For each image pixel (row-major), the index of the grid pixel it falls in, or -1 outside the window. */
    private int[] nearestGridPixels() {
        int[] gridX = imageToGrid(originX, imageWidth);
        int[] gridY = imageToGrid(originY, imageHeight);
        int[] out = new int[Math.multiplyExact(imageWidth, imageHeight)];
        for (int y = 0; y < imageHeight; y++) {
            int v = gridY[y];
            for (int x = 0; x < imageWidth; x++) {
                int u = gridX[x];
                out[y * imageWidth + x] = v < 0 || u < 0 ? -1 : v * size + u;
            }
        }
        return out;
    }

    /**
     * Per-pixel values of the grid (e.g. foreground probabilities, row-major, {@code size × size})
     * interpolated bilinearly back to the image's size; 0 outside the window.
     *
     * @return {@code imageWidth × imageHeight} values, row-major
     */
    public float[] pasteProbabilities(float[] grid) {
        checkNotNull(grid, "probabilities");
        checkArgument(grid.length == size * size, "probabilities hold " + grid.length + " values but a " + size + "x" + size
                + " grid needs " + size * size + ": pass the network output for this crop, row-major");
        for (int i = 0; i < grid.length; i++) {
            if (!Float.isFinite(grid[i])) {
                throw DeoccException.invalidArgument("probability " + i + " is " + grid[i] + ": every value must be finite");
            }
        }
        float[] out = new float[Math.multiplyExact(imageWidth, imageHeight)];
        double step = size / (double) side;
        Box window = visibleWindow();
        for (int y = window.y(); y < window.maxY(); y++) {
            double fv = clamp((y - originY + 0.5) * step - 0.5, size - 1);
            int v0 = (int) fv;
            int v1 = Math.min(size - 1, v0 + 1);
            double wv = fv - v0;
            for (int x = window.x(); x < window.maxX(); x++) {
                double fu = clamp((x - originX + 0.5) * step - 0.5, size - 1);
                int u0 = (int) fu;
                int u1 = Math.min(size - 1, u0 + 1);
                double wu = fu - u0;
                double top = grid[v0 * size + u0] * (1 - wu) + grid[v0 * size + u1] * wu;
                double bottom = grid[v1 * size + u0] * (1 - wu) + grid[v1 * size + u1] * wu;
                out[y * imageWidth + x] = (float) (top * (1 - wv) + bottom * wv);
            }
        }
        return out;
    }

    /**
     * {@link #pasteProbabilities} thresholded: a pixel is set when its interpolated value is at least
     * {@code threshold}.
     */
    public BinaryMask pasteProbabilities(float[] grid, double threshold) {
        checkArgument(Double.isFinite(threshold), "threshold " + threshold + " must be a finite number, e.g. 0.5");
        float[] values = pasteProbabilities(grid);
        // A pixel outside the window stays unset even for a threshold at or below 0.
        Box window = visibleWindow();
        return BinaryMask.fromIndex(imageWidth, imageHeight, i -> {
            int x = i % imageWidth;
            int y = i / imageWidth;
            return x >= window.x() && x < window.maxX() && y >= window.y() && y < window.maxY() && values[i] >= threshold;
        });
    }

    /** For each grid column (or row), the image pixel its centre falls in. */
    private int[] gridToImage(int origin) {
        int[] out = new int[size];
        for (int u = 0; u < size; u++) {
            // floor(origin + (u + 0.5) * side / size) in exact integer arithmetic
            out[u] = (int) (origin + Math.floorDiv((2L * u + 1) * side, 2L * size));
        }
        return out;
    }

    /** For each image column (or row), the grid pixel its centre falls in, or -1 outside the window. */
    private int[] imageToGrid(int origin, int extent) {
        int[] out = new int[extent];
        for (int x = 0; x < extent; x++) {
            long offset = (long) x - origin;
            out[x] = offset < 0 || offset >= side ? -1 : (int) Math.floorDiv((2 * offset + 1) * size, 2L * side);
        }
        return out;
    }

    private int pixel(int[] src, int x, int y) {
        return x < 0 || y < 0 || x >= imageWidth || y >= imageHeight ? 0 : src[y * imageWidth + x];
    }

    private static double clamp(double value, int max) {
        return Math.max(0, Math.min(max, value));
    }

    private void checkFrame(String what, int width, int height) {
        if (width != imageWidth || height != imageHeight) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, what + " is " + width + "x" + height + " but this crop was made for a "
                    + imageWidth + "x" + imageHeight + " image: crop the image the window was placed in");
        }
    }

    private void checkGrid(String what, int width, int height) {
        if (width != size || height != size) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, what + " is " + width + "x" + height + " but this crop's grid is "
                    + size + "x" + size + ": paste the output made for this crop");
        }
    }
}
