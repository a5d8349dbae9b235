package io.deocc.mask.coco;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed COCO instance-annotation file: its images, categories and annotations, indexed for
 * lookup by image id, file name and category. Immutable and safe to share between threads.
 *
 * <p>Reading is bounded, because annotation files come from elsewhere: files over a size limit
 * (default {@value #DEFAULT_MAX_FILE_BYTES} bytes) are refused before they are opened, JSON nesting
 * deeper than {@value #MAX_NESTING_DEPTH} and strings longer than {@value #MAX_STRING_CHARS}
 * characters stop the parser, and the document is read one array element at a time, so memory
 * follows the decoded annotations, not a tree of the whole file. Everything is validated while
 * reading: ids unique, annotations pointing at existing images and categories, RLE sizes equal to
 * their image's size, RLE counts and polygons well formed. Sections other than {@code images},
 * {@code annotations} and {@code categories} ({@code info}, {@code licenses}...) are skipped.
 */
public final class CocoAnnotations {
    /** Files larger than this are refused unless a larger limit is passed. */
    public static final long DEFAULT_MAX_FILE_BYTES = 512L * 1024 * 1024;
    /** COCO needs a depth of 5 (top level, section, annotation, segmentation, polygon). */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The longest string accepted; compressed RLE strings of very large masks are the longest legitimate ones. */
    public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;
    /** The category COCO files name for people. */
    public static final String PERSON = "person";
    /** The id of {@code person} in the official COCO categories, used when a file has no category named so. */
    public static final long COCO_PERSON_ID = 1;

    private final String source;
    private final List<CocoImage> images;
    private final List<CocoCategory> categories;
    private final List<CocoAnnotation> annotations;
    private final Map<Long, CocoImage> imagesById;
    private final Map<String, List<CocoImage>> imagesByFileName;
    private final Map<String, List<CocoImage>> imagesByBaseName;
    private final Map<Long, CocoCategory> categoriesById;
    private final Map<Long, List<CocoAnnotation>> annotationsByImage;

    private CocoAnnotations(String source, List<CocoImage> images, List<CocoCategory> categories, List<CocoAnnotation> annotations) {
        this.source = source;
        this.images = List.copyOf(images);
        this.categories = List.copyOf(categories);
        this.annotations = List.copyOf(annotations);
        this.imagesById = new HashMap<>();
        this.imagesByFileName = new HashMap<>();
        this.imagesByBaseName = new HashMap<>();
        for (CocoImage image : this.images) {
            if (imagesById.putIfAbsent(image.id(), image) != null) {
                throw invalid(source, "image id " + image.id() + " appears twice in 'images': give each image a unique id");
            }
            imagesByFileName.computeIfAbsent(image.fileName(), k -> new ArrayList<>(1)).add(image);
            imagesByBaseName.computeIfAbsent(image.baseName(), k -> new ArrayList<>(1)).add(image);
        }
        this.categoriesById = new HashMap<>();
        for (CocoCategory category : this.categories) {
            if (categoriesById.putIfAbsent(category.id(), category) != null) {
                throw invalid(source, "category id " + category.id() + " appears twice in 'categories': give each category a unique id");
            }
        }
        this.annotationsByImage = new HashMap<>();
        Map<Long, Boolean> annotationIds = new HashMap<>();
        for (CocoAnnotation annotation : this.annotations) {
            checkAnnotation(annotation);
            if (annotationIds.put(annotation.id(), Boolean.TRUE) != null) {
                throw invalid(source, "annotation id " + annotation.id() + " appears twice in 'annotations': give each annotation a unique id");
            }
            annotationsByImage.computeIfAbsent(annotation.imageId(), k -> new ArrayList<>()).add(annotation);
        }
        annotationsByImage.replaceAll((k, v) -> List.copyOf(v));
    }

    private void checkAnnotation(CocoAnnotation annotation) {
        CocoImage image = imagesById.get(annotation.imageId());
        if (image == null) {
            throw invalid(source, "annotation " + annotation.id() + " refers to image_id " + annotation.imageId()
                    + ", which is not in 'images': add the image or remove the annotation");
        }
        if (!categoriesById.isEmpty() && !categoriesById.containsKey(annotation.categoryId())) {
            throw invalid(source, "annotation " + annotation.id() + " refers to category_id " + annotation.categoryId()
                    + ", which is not in 'categories' " + categoriesById.keySet().stream().sorted().limit(20).toList()
                    + ": fix the id or add the category");
        }
        if (annotation.segmentation() instanceof CocoRle rle && (rle.width() != image.width() || rle.height() != image.height())) {
            throw invalid(source, "annotation " + annotation.id() + " has an RLE of size [h=" + rle.height() + ", w=" + rle.width()
                    + "] but its image " + image.id() + " is " + image.width() + "x" + image.height()
                    + ": an RLE must be encoded at its image's size");
        }
    }

    /**
     * Annotations built in code, validated like a file's. {@code source} names them in messages.
     */
    public static CocoAnnotations of(String source, List<CocoImage> images, List<CocoCategory> categories, List<CocoAnnotation> annotations) {
        checkNotNull(source, "source");
        checkNotNull(images, "images").forEach(i -> checkNotNull(i, "image"));
        checkNotNull(categories, "categories").forEach(c -> checkNotNull(c, "category"));
        checkNotNull(annotations, "annotations").forEach(a -> checkNotNull(a, "annotation"));
        return new CocoAnnotations(source, images, categories, annotations);
    }

    /** Reads a file with the default size limit. */
    public static CocoAnnotations read(Path file) {
        return read(file, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * Reads a COCO instance-annotation file.
     *
     * @param maxFileBytes files larger than this are refused before reading
     * @throws DeoccException {@code FILE_NOT_FOUND} when the file is missing, {@code IO_FAILURE} when
     *     it cannot be read, {@code ANNOTATION_INVALID} naming the file and field for anything else
     */
    public static CocoAnnotations read(Path file, long maxFileBytes) {
        checkNotNull(file, "file");
        checkArgument(maxFileBytes > 0, "maxFileBytes " + maxFileBytes + " must be positive");
        if (!Files.isRegularFile(file)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "COCO annotation file '" + file + "' does not exist or is not a file: check the path");
        }
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw invalid(file.toString(), "the file is " + size + " bytes, over the limit of " + maxFileBytes
                        + " bytes: raise the limit or split the file per image");
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                return CocoJsonReader.read(in, file.toString(), maxFileBytes);
            }
        } catch (NoSuchFileException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "COCO annotation file '" + file + "' disappeared while being read: check the path", e);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "COCO annotation file '" + file + "' cannot be read (" + e.getMessage()
                    + "): check its permissions and the disk", e);
        }
    }

    /**
     * Parses COCO JSON from a stream, which the caller closes.
     *
     * @param source names the data in messages, e.g. a file or archive entry name
     * @param maxBytes reading stops with {@code ANNOTATION_INVALID} after this many bytes
     */
    public static CocoAnnotations parse(InputStream in, String source, long maxBytes) {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        checkArgument(maxBytes > 0, "maxBytes " + maxBytes + " must be positive");
        try {
            return CocoJsonReader.read(in, source, maxBytes);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "COCO annotations '" + source + "' cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** What the annotations were read from, for messages. */
    public String source() {
        return source;
    }

    /** The images in file order. */
    public List<CocoImage> images() {
        return images;
    }

    /** The categories in file order; may be empty. */
    public List<CocoCategory> categories() {
        return categories;
    }

    /** All annotations in file order. */
    public List<CocoAnnotation> annotations() {
        return annotations;
    }

    public Optional<CocoImage> image(long id) {
        return Optional.ofNullable(imagesById.get(id));
    }

    /**
     * The image whose {@code file_name} is {@code name}; failing that, the one whose file name has
     * the same last path element as {@code name} ({@code "val/0001.jpg"} finds
     * {@code "0001.jpg"} and the other way round).
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} when several images match equally well
     */
    public Optional<CocoImage> imageByFileName(String name) {
        checkNotNull(name, "name");
        List<CocoImage> exact = imagesByFileName.getOrDefault(name, List.of());
        if (exact.size() == 1) {
            return Optional.of(exact.get(0));
        }
        List<CocoImage> candidates = exact.isEmpty() ? imagesByBaseName.getOrDefault(baseName(name), List.of()) : exact;
        if (candidates.size() > 1) {
            throw invalid(source, "image name '" + name + "' matches " + candidates.size() + " images (ids "
                    + candidates.stream().limit(10).map(i -> Long.toString(i.id())).collect(Collectors.joining(", "))
                    + "): select the image by id (image-id) or give its full file_name");
        }
        return candidates.stream().findFirst();
    }

    /** The annotations of one image, in file order; empty for an unknown id. */
    public List<CocoAnnotation> annotationsOf(long imageId) {
        return annotationsByImage.getOrDefault(imageId, List.of());
    }

    /** The annotations of one image in one category, in file order. */
    public List<CocoAnnotation> annotationsOf(long imageId, long categoryId) {
        return annotationsOf(imageId).stream().filter(a -> a.categoryId() == categoryId).toList();
    }

    public Optional<CocoCategory> category(long id) {
        return Optional.ofNullable(categoriesById.get(id));
    }

    /** The first category with this exact name. */
    public Optional<CocoCategory> categoryNamed(String name) {
        checkNotNull(name, "name");
        return categories.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The id of the category named {@value #PERSON}, else {@value #COCO_PERSON_ID} as in the official COCO categories. */
    public long personCategoryId() {
        return categoryNamed(PERSON).map(CocoCategory::id).orElse(COCO_PERSON_ID);
    }

    /** Up to {@code max} images as {@code id 'file_name'}, for messages that list what is available. */
    public String describeImages(int max) {
        Map<Long, String> shown = new LinkedHashMap<>();
        images.stream().limit(Math.max(0, max)).forEach(i -> shown.put(i.id(), i.fileName()));
        String list = shown.entrySet().stream().map(e -> e.getKey() + " '" + e.getValue() + "'").collect(Collectors.joining(", "));
        return images.size() > max ? list + ", ... (" + images.size() + " images)" : list;
    }

    static String baseName(String path) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1);
    }

    static DeoccException invalid(String source, String message) {
        return new DeoccException(ErrorCode.ANNOTATION_INVALID, "COCO annotations '" + source + "': " + message);
    }

    @Override
    public String toString() {
        return "CocoAnnotations[" + source + ": " + images.size() + " images, " + categories.size() + " categories, "
                + annotations.size() + " annotations]";
    }
}
