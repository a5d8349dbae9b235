package io.deocc.content.composite;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.image.RgbaImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;

/**
 * Turns a stage 2 painter's output into a {@link ContentRecovery}, the same way for every engine.
 *
 * <p>Only the person's hidden region (amodal minus refined visible) takes the painted pixels; every
 * other pixel of the composite is the input's, bit for bit, so an engine cannot alter what was
 * visible. The person layer is the composite, opaque on the amodal mask and transparent elsewhere.
 */
public final class Compositing {
    private Compositing() {}

    /**
     * Composes a recovery from a painted image of the input's size.
     *
     * @param input the photo the person was found in
     * @param masks the person's masks, at the photo's size
     * @param recovered the painter's output at the photo's size; only its pixels in
     *     {@link MaskCompletion#invisible()} are used
     * @return the composite and the person layer
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null argument, {@code SIZE_MISMATCH} when the
     *     sizes differ
     */
    public static ContentRecovery compose(RgbImage input, MaskCompletion masks, RgbImage recovered) {
        checkNotNull(input, "input image");
        checkNotNull(recovered, "recovered image");
        checkSameSize("recovered image", recovered.width(), recovered.height(), "input image", input.width(), input.height());
        return compose(input, masks, recovered, new Box(0, 0, recovered.width(), recovered.height()));
    }

    /**
     * Composes a recovery from a painted crop of the input, for painters that work around the person only.
     *
     * @param input the photo the person was found in
     * @param masks the person's masks, at the photo's size
     * @param recoveredCrop the painter's output for the pixels of {@code cropBox}
     * @param cropBox where {@code recoveredCrop} lies in the photo; it must hold the whole hidden region
     * @return the composite and the person layer, at the photo's size
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null argument or a box that misses part of the
     *     hidden region, {@code SIZE_MISMATCH} when the sizes differ
     */
    public static ContentRecovery compose(RgbImage input, MaskCompletion masks, RgbImage recoveredCrop, Box cropBox) {
        checkNotNull(input, "input image");
        checkNotNull(masks, "masks");
        checkNotNull(recoveredCrop, "recovered image");
        checkNotNull(cropBox, "crop box");
        int width = input.width();
        int height = input.height();
        BinaryMask amodal = masks.amodal();
        checkSameSize("mask completion", amodal.width(), amodal.height(), "input image", width, height);
        checkSameSize("recovered image", recoveredCrop.width(), recoveredCrop.height(),
                "crop box " + cropBox, cropBox.width(), cropBox.height());
        if (!cropBox.fitsIn(width, height)) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the crop box " + cropBox + " reaches outside the " + width + "x" + height
                    + " input image: give a box inside the image");
        }
        BinaryMask invisible = masks.invisible();
        int[] composite = input.toArray();
        int[] painted = recoveredCrop.toArray();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (!invisible.get(i)) {
                    continue;
                }
                if (x < cropBox.x() || y < cropBox.y() || x >= cropBox.maxX() || y >= cropBox.maxY()) {
                    throw DeoccException.invalidArgument("hidden pixel (" + x + ", " + y + ") lies outside the crop box " + cropBox
                            + ": the painted crop must cover the whole hidden region (amodal minus refined visible)");
                }
                composite[i] = painted[(y - cropBox.y()) * cropBox.width() + (x - cropBox.x())];
            }
        }
        RgbImage compositeImage = RgbImage.of(width, height, composite);
        return new ContentRecovery(RgbaImage.withAlpha(compositeImage, amodal), compositeImage);
    }

    private static void checkSameSize(String what, int width, int height, String other, int otherWidth, int otherHeight) {
        if (width != otherWidth || height != otherHeight) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "size mismatch: the " + what + " is " + width + "x" + height
                    + " but the " + other + " is " + otherWidth + "x" + otherHeight
                    + ": give them the same size (paint at the input's size, or pass the crop box the painting covers)");
        }
    }
}
