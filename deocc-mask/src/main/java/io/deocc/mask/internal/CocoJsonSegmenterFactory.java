package io.deocc.mask.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.api.spi.Stage;
import io.deocc.mask.coco.CocoAnnotations;
import io.deocc.mask.coco.CocoCategory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code coco-json} segmenter: people's masks from a COCO instance-annotation (or detection
 * result) file, read once when the segmenter is created.
 *
 * <p>Settings: {@code annotations} (path, required), {@code image-id} (use this image for every
 * request instead of matching the request's image name), {@code min-score} (drop detections below
 * it, default 0), {@code category} (a category name or id, default {@code person}: the category
 * named so, else id 1), {@code max-file-mb} (refuse larger files, default 512).
 */
public final class CocoJsonSegmenterFactory implements SegmenterFactory {
    static final String NAME = "coco-json";
    static final String ANNOTATIONS = "annotations";
    static final String IMAGE_ID = "image-id";
    static final String MIN_SCORE = "min-score";
    static final String CATEGORY = "category";
    static final String MAX_FILE_MB = "max-file-mb";

    private static final int DEFAULT_MAX_FILE_MB = (int) (CocoAnnotations.DEFAULT_MAX_FILE_BYTES >> 20);
    private static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, Stage.SEGMENTATION, "coco", "java", 0, true,
            Set.of("masks-from-files"), "Reads the people's visible masks from a COCO annotation file (polygons or RLE), matched by image id or file name.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Segmenter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        config.requireOnly(NAME, Set.of(ANNOTATIONS, IMAGE_ID, MIN_SCORE, CATEGORY, MAX_FILE_MB));
        Path file = annotationsPath(config);
        OptionalLong imageId = imageId(config);
        double minScore = config.getDouble(MIN_SCORE, 0.0, 0.0, 1.0);
        String category = config.getString(CATEGORY, CocoAnnotations.PERSON).trim();
        long maxBytes = (long) config.getInt(MAX_FILE_MB, DEFAULT_MAX_FILE_MB, 1, 1 << 20) << 20;

        CocoAnnotations annotations = CocoAnnotations.read(file, maxBytes);
        long categoryId = resolveCategory(annotations, category);
        if (imageId.isPresent() && annotations.image(imageId.getAsLong()).isEmpty()) {
            throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "setting '" + IMAGE_ID + "' is " + imageId.getAsLong()
                    + " but '" + file + "' has no image with that id: choose one of " + annotations.describeImages(5));
        }
        return new CocoJsonSegmenter(DESCRIPTOR, annotations, imageId, categoryId, minScore, context.limits());
    }

    private static Path annotationsPath(ComponentConfig config) {
        String raw = config.get(ANNOTATIONS).map(String::trim).orElse("");
        if (raw.isEmpty()) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "segmenter '" + NAME + "' needs the setting '" + ANNOTATIONS
                    + "': set it to the path of a COCO instance-annotation JSON file");
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + ANNOTATIONS + "' is '" + raw + "', not a valid path ("
                    + e.getReason() + "): give the path of the COCO JSON file", e);
        }
    }

    private static OptionalLong imageId(ComponentConfig config) {
        return config.get(IMAGE_ID).map(raw -> {
            try {
                return OptionalLong.of(Long.parseLong(raw.trim()));
            } catch (NumberFormatException e) {
                throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + IMAGE_ID + "' is '" + raw
                        + "': expected an integer image id from the file's 'images' section", e);
            }
        }).orElse(OptionalLong.empty());
    }

    /** A category name first (so a category literally named "3" wins), then a numeric id. */
    private static long resolveCategory(CocoAnnotations annotations, String category) {
        if (category.equals(CocoAnnotations.PERSON)) {
            return annotations.personCategoryId();
        }
        Optional<CocoCategory> named = annotations.categoryNamed(category);
        if (named.isPresent()) {
            return named.get().id();
        }
        try {
            long id = Long.parseLong(category);
            if (annotations.categories().isEmpty() || annotations.category(id).isPresent()) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Not an id either: fall through to the error listing the choices.
        }
        throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + CATEGORY + "' is '" + category + "' but '" + annotations.source()
                + "' has no such category name or id: choose one of " + annotations.categories().stream().limit(20)
                        .map(CocoJsonSegmenterFactory::describe).collect(Collectors.joining(", ")));
    }

    private static String describe(CocoCategory category) {
        return category.id() + " '" + category.name() + "'";
    }
}
