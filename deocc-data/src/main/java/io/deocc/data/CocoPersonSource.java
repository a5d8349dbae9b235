package io.deocc.data;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.mask.coco.CocoAnnotation;
import io.deocc.mask.coco.CocoAnnotations;
import io.deocc.mask.coco.CocoImage;
import io.deocc.api.io.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The people of a COCO instance-annotation file as samples: one sample per person annotation
 * (category {@code person}, crowd annotations left out) in file order, id {@code coco-<annotation id>}.
 *
 * <p>The annotation's segmentation is the <em>visible</em> mask. COCO does not annotate hidden
 * parts, so the amodal mask equals the visible mask, unless a second COCO file with amodal
 * segmentations under the same annotation ids is given (e.g. converted from an amodal dataset); then
 * the amodal mask is that segmentation united with the visible one, so that rasterisation
 * differences at the edges do not reject an instance. Such samples are useful for the
 * segmenter-noise path and as occluders; they have no parsing and no unoccluded image.
 *
 * <p>The annotation files are decoded when the source is opened (by {@link CocoAnnotations}, the
 * one COCO decoder of deocc); images are read lazily, once per image however many people it holds.
 * Problems with one instance (missing or corrupt image, size mismatch, empty mask) are
 * {@link SampleResult.Skipped} items with line 0 and a message naming the annotation and file.
 */
public final class CocoPersonSource implements SampleSource {
    private final CocoAnnotations annotations;
    private final Path imagesRoot;
    private final Optional<Map<Long, CocoAnnotation>> amodal;
    private final ResourceLimits limits;
    private final List<Instance> instances;

    private record Instance(CocoImage image, CocoAnnotation annotation) {}

    private CocoPersonSource(CocoAnnotations annotations, Path imagesRoot, Optional<Map<Long, CocoAnnotation>> amodal, ResourceLimits limits) {
        this.annotations = annotations;
        this.imagesRoot = imagesRoot;
        this.amodal = amodal;
        this.limits = limits;
        long person = annotations.personCategoryId();
        List<Instance> found = new ArrayList<>();
        for (CocoImage image : annotations.images()) {
            for (CocoAnnotation annotation : annotations.annotationsOf(image.id(), person)) {
                if (!annotation.crowd()) {
                    found.add(new Instance(image, annotation));
                }
            }
        }
        this.instances = List.copyOf(found);
    }

    /**
     * Opens a COCO file whose images' {@code file_name}s are relative to {@code imagesDir}; amodal = visible.
     *
     * @throws DeoccException {@code FILE_NOT_FOUND} or {@code ANNOTATION_INVALID} for the file as a whole
     */
    public static CocoPersonSource open(Path annotationFile, Path imagesDir, ResourceLimits limits) {
        return open(annotationFile, imagesDir, Optional.empty(), limits);
    }

    /**
     * Opens a COCO file with, optionally, a second COCO file holding amodal segmentations under the
     * same annotation ids.
     */
    public static CocoPersonSource open(Path annotationFile, Path imagesDir, Optional<Path> amodalFile, ResourceLimits limits) {
        checkNotNull(annotationFile, "annotationFile");
        checkNotNull(imagesDir, "imagesDir");
        checkNotNull(amodalFile, "amodalFile");
        checkNotNull(limits, "limits");
        if (!Files.isDirectory(imagesDir)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "COCO image folder '" + imagesDir
                    + "' does not exist or is not a folder: give the folder the images' file_name values are relative to");
        }
        Path root;
        try {
            root = imagesDir.toRealPath();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "COCO image folder '" + imagesDir + "' cannot be resolved (" + e + ")", e);
        }
        CocoAnnotations visible = CocoAnnotations.read(annotationFile);
        Optional<Map<Long, CocoAnnotation>> amodal = amodalFile.map(file -> {
            Map<Long, CocoAnnotation> byId = new HashMap<>();
            for (CocoAnnotation annotation : CocoAnnotations.read(file).annotations()) {
                byId.put(annotation.id(), annotation);
            }
            return byId;
        });
        return new CocoPersonSource(visible, root, amodal, limits);
    }

    @Override
    public String description() {
        return "COCO people of " + annotations.source();
    }

    /** The number of person instances, known from the annotations. */
    @Override
    public OptionalLong size() {
        return OptionalLong.of(instances.size());
    }

    @Override
    public Stream<SampleResult> stream() {
        // the last decoded image, reused by the next instance of the same image
        Object[] cache = new Object[2];
        return instances.stream().map(instance -> item(instance, cache));
    }

    private SampleResult item(Instance instance, Object[] cache) {
        CocoImage image = instance.image();
        CocoAnnotation annotation = instance.annotation();
        String id = "coco-" + annotation.id();
        String where = description() + ": annotation " + annotation.id() + " (image " + image.id() + " '" + image.fileName() + "')";
        try {
            RgbImage rgb = image(image, cache);
            BinaryMask visible = annotation.toMask(image);
            BinaryMask whole = visible;
            if (amodal.isPresent()) {
                CocoAnnotation full = amodal.get().get(annotation.id());
                if (full == null) {
                    throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "the amodal file has no annotation with id " + annotation.id()
                            + ": give every person an amodal segmentation under the same id");
                }
                whole = full.segmentation().toMask(image.width(), image.height()).or(visible);
            }
            return new SampleResult.Loaded(new Sample(id, rgb, visible, whole, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        } catch (DeoccException e) {
            return new SampleResult.Skipped(id, 0, new DeoccException(e.errorCode(), where + ": " + e.getMessage(), e));
        }
    }

    private RgbImage image(CocoImage image, Object[] cache) {
        if (cache[0] != null && (Long) cache[0] == image.id()) {
            return (RgbImage) cache[1];
        }
        cache[0] = null;
        Path file = DatasetPaths.resolve(imagesRoot, image.fileName());
        RgbImage rgb = ImageFiles.readRgb(file, limits);
        if (rgb.width() != image.width() || rgb.height() != image.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "image file '" + image.fileName() + "' is " + rgb.width() + "x" + rgb.height()
                    + " but the annotations say " + image.width() + "x" + image.height() + ": use the images the annotations were made for");
        }
        cache[0] = image.id();
        cache[1] = rgb;
        return rgb;
    }

    /** Nothing is held open between streams. */
    @Override
    public void close() {
        // the annotations are in memory; images are read and released per item
    }
}
