package io.deocc.mask.coco;

import static io.deocc.api.DeoccException.checkArgument;

/**
 * A COCO {@code bbox}: {@code [x, y, width, height]} in pixel coordinates, possibly fractional.
 */
public record CocoBox(double x, double y, double width, double height) {
    public CocoBox {
        checkArgument(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height),
                "COCO bbox [" + x + ", " + y + ", " + width + ", " + height + "] has a value that is not a finite number");
        checkArgument(width >= 0 && height >= 0, "COCO bbox size " + width + "x" + height + " is negative: give width and height >= 0");
    }
}
