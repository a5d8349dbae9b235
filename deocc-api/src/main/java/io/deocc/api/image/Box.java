package io.deocc.api.image;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

/**
 * An axis-aligned pixel box: {@code x, y} is the top-left pixel, {@code width, height} are at least 1.
 */
public record Box(int x, int y, int width, int height) {
    public Box {
        checkArgument(x >= 0 && y >= 0, "box origin (" + x + ", " + y + ") is negative: boxes start inside the image");
        checkArgument(width > 0 && height > 0, "box size " + width + "x" + height + " is empty: a box covers at least one pixel");
        checkArgument((long) x + width <= Integer.MAX_VALUE && (long) y + height <= Integer.MAX_VALUE,
                "box " + x + "," + y + " " + width + "x" + height + " overflows int coordinates");
    }

    /** Exclusive right edge. */
    public int maxX() {
        return x + width;
    }

    /** Exclusive bottom edge. */
    public int maxY() {
        return y + height;
    }

    public long area() {
        return (long) width * height;
    }

    public boolean fitsIn(int imageWidth, int imageHeight) {
        return maxX() <= imageWidth && maxY() <= imageHeight;
    }

    /** The smallest box holding both. */
    public Box union(Box other) {
        checkNotNull(other, "other box");
        int x0 = Math.min(x, other.x);
        int y0 = Math.min(y, other.y);
        return new Box(x0, y0, Math.max(maxX(), other.maxX()) - x0, Math.max(maxY(), other.maxY()) - y0);
    }

    /**
     * This box grown about its centre by {@code factor} (at least 1) and clipped to the image.
     */
    public Box expand(double factor, int imageWidth, int imageHeight) {
        checkArgument(factor >= 1.0 && Double.isFinite(factor), "expansion factor " + factor + " must be a finite number >= 1");
        // a box outside the image cannot be clipped to it
        checkArgument(fitsIn(imageWidth, imageHeight), this + " does not fit in a " + imageWidth + "x" + imageHeight + " image: pass the image the box was found in");
        double cx = x + width / 2.0;
        double cy = y + height / 2.0;
        double w = width * factor;
        double h = height * factor;
        int x0 = (int) Math.max(0, Math.floor(cx - w / 2));
        int y0 = (int) Math.max(0, Math.floor(cy - h / 2));
        int x1 = (int) Math.min(imageWidth, Math.ceil(cx + w / 2));
        int y1 = (int) Math.min(imageHeight, Math.ceil(cy + h / 2));
        return new Box(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }
}
