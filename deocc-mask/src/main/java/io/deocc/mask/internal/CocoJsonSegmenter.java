package io.deocc.mask.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.mask.coco.CocoAnnotation;
import io.deocc.mask.coco.CocoAnnotations;
import io.deocc.mask.coco.CocoImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves people from parsed COCO annotations. The annotations are immutable and masks are decoded
 * per call, so one instance serves concurrent calls.
 */
final class CocoJsonSegmenter implements Segmenter {
    private static final Logger LOG = LoggerFactory.getLogger(CocoJsonSegmenter.class);

    private final ComponentDescriptor descriptor;
    private final OptionalLong imageId;
    private final long categoryId;
    private final double minScore;
    private final ResourceLimits limits;
    /** Dropped on close so that a closed segmenter does not keep a large file's annotations alive. */
    private volatile CocoAnnotations annotations;

    CocoJsonSegmenter(ComponentDescriptor descriptor, CocoAnnotations annotations, OptionalLong imageId, long categoryId,
            double minScore, ResourceLimits limits) {
        this.descriptor = descriptor;
        this.annotations = annotations;
        this.imageId = imageId;
        this.categoryId = categoryId;
        this.minScore = minScore;
        this.limits = limits;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<PersonInstance> segment(SegmentationRequest request) {
        CocoAnnotations coco = annotations;
        ComponentInputs.checkOpen(coco == null, descriptor);
        checkNotNull(request, "request");
        CocoImage cocoImage = findImage(coco, request.imageName());
        RgbImage image = request.image();
        if (cocoImage.width() != image.width() || cocoImage.height() != image.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "COCO image " + cocoImage.id() + " ('" + cocoImage.fileName() + "') is "
                    + cocoImage.width() + "x" + cocoImage.height() + " in '" + coco.source() + "' but the given image is "
                    + image.width() + "x" + image.height() + ": give the image the annotations were made on, at its original size");
        }
        List<PersonInstance> people = new ArrayList<>();
        for (CocoAnnotation annotation : coco.annotationsOf(cocoImage.id(), categoryId)) {
            if (annotation.crowd()) {
                LOG.debug("skipping crowd annotation {} of image {}: it covers a group, not one person", annotation.id(), cocoImage.id());
                continue;
            }
            if (annotation.confidence() < minScore) {
                LOG.debug("skipping annotation {} of image {}: score {} is below min-score {}",
                        annotation.id(), cocoImage.id(), annotation.confidence(), minScore);
                continue;
            }
            BinaryMask mask = annotation.toMask(cocoImage);
            Optional<Box> box = mask.boundingBox();
            if (box.isEmpty()) {
                LOG.warn("skipping annotation {} of image {} in '{}': its mask covers no pixel", annotation.id(), cocoImage.id(), coco.source());
                continue;
            }
            if (people.size() == limits.maxPeople()) {
                throw new DeoccException(ErrorCode.TOO_MANY_PEOPLE, "COCO image " + cocoImage.id() + " has more than " + limits.maxPeople()
                        + " people in '" + coco.source() + "' (the limit): raise min-score, or raise the limit (max-people)");
            }
            people.add(new PersonInstance(people.size() + 1, mask, box.get(), annotation.confidence(), Optional.empty()));
        }
        return List.copyOf(people);
    }

    /** The configured image id, else the request's image name, else the file's only image. */
    private CocoImage findImage(CocoAnnotations coco, Optional<String> imageName) {
        if (imageId.isPresent()) {
            return coco.image(imageId.getAsLong()).orElseThrow(() -> new DeoccException(ErrorCode.INTERNAL,
                    "image id " + imageId.getAsLong() + " was checked at creation but is gone"));
        }
        if (imageName.isPresent()) {
            return coco.imageByFileName(imageName.get()).orElseThrow(() -> new DeoccException(ErrorCode.ANNOTATION_INVALID,
                    "'" + coco.source() + "' has no image named '" + imageName.get() + "' (matched against file_name and its last path element):"
                            + " use one of " + coco.describeImages(5) + ", or set '" + CocoJsonSegmenterFactory.IMAGE_ID + "'"));
        }
        if (coco.images().size() == 1) {
            return coco.images().get(0);
        }
        throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "'" + coco.source() + "' has " + coco.images().size()
                + " images and the request names none: pass the image's file name with the request or set '"
                + CocoJsonSegmenterFactory.IMAGE_ID + "' (images: " + coco.describeImages(5) + ")");
    }

    @Override
    public void close() {
        annotations = null;
    }
}
