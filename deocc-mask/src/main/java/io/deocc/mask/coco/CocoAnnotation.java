package io.deocc.mask.coco;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One object instance of a COCO file's {@code annotations} section.
 *
 * @param id the annotation's id
 * @param imageId the id of the image it belongs to
 * @param categoryId its category
 * @param segmentation its mask as polygons or RLE
 * @param bbox its box when the file has one
 * @param score a detector's confidence in [0, 1], present in detection result files only
 * @param crowd {@code iscrowd}: the mask covers a group of objects, not one
 */
public record CocoAnnotation(long id, long imageId, long categoryId, CocoSegmentation segmentation,
        Optional<CocoBox> bbox, OptionalDouble score, boolean crowd) {
    public CocoAnnotation {
        checkNotNull(segmentation, "segmentation");
        checkNotNull(bbox, "bbox");
        checkNotNull(score, "score");
        score.ifPresent(s -> checkArgument(s >= 0.0 && s <= 1.0, "annotation " + id + " score " + s + " must be in [0, 1]"));
    }

    /** The score, or 1 for ground truth without one. */
    public double confidence() {
        return score.orElse(1.0);
    }

    /**
     * The mask on {@code image}, which must be the image this annotation belongs to.
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} naming this annotation when it cannot be
     *     decoded at the image's size
     */
    public BinaryMask toMask(CocoImage image) {
        checkNotNull(image, "image");
        checkArgument(image.id() == imageId, "annotation " + id + " belongs to image " + imageId + ", not to image " + image.id());
        try {
            return segmentation.toMask(image.width(), image.height());
        } catch (DeoccException e) {
            throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "annotation " + id + " of image " + imageId + ": " + e.getMessage(), e);
        }
    }
}
