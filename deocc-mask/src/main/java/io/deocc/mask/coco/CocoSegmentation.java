package io.deocc.mask.coco;

import io.deocc.api.image.BinaryMask;

/**
 * The {@code segmentation} of a COCO annotation: polygons or a run-length encoded mask. Both turn
 * into a {@link BinaryMask} at the annotated image's size.
 */
public sealed interface CocoSegmentation permits CocoPolygons, CocoRle {
    /**
     * The mask at {@code width x height}.
     *
     * @throws io.deocc.api.DeoccException {@code SIZE_MISMATCH} when an RLE was encoded for another
     *     size, {@code INVALID_ARGUMENT} for a non-positive size
     */
    BinaryMask toMask(int width, int height);
}
