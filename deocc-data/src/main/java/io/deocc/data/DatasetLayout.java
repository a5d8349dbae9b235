package io.deocc.data;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The on-disk dataset layout: a folder holding {@value #MANIFEST} (one JSON object per line, one line
 * per sample) and the PNG files its lines name. {@code docs/DATASET.md} describes every field.
 *
 * <p>Field names are the JSON keys. Paths in a line are relative to the dataset folder, use
 * {@code /} as separator, and may not leave the folder.
 */
public final class DatasetLayout {
    /** The manifest's file name inside the dataset folder. */
    public static final String MANIFEST = "manifest.jsonl";

    /** Unique id of the sample (required). */
    public static final String ID = "id";
    /** The occluded scene, RGB (required). */
    public static final String IMAGE = "image";
    /** Ground-truth visible mask, 0/255 grey (required). */
    public static final String VISIBLE = "visible";
    /** Ground-truth whole-body mask, 0/255 grey (required). */
    public static final String AMODAL = "amodal";
    /** A segmenter's (noisy) visible mask, 0/255 grey. */
    public static final String SEGMENTER_MASK = "segmenter_mask";
    /** LIP labels 0..19 of the visible body, grey. */
    public static final String VISIBLE_PARSING = "visible_parsing";
    /** LIP labels 0..19 of the whole body, grey. */
    public static final String AMODAL_PARSING = "amodal_parsing";
    /** The scene without the occluder, RGB (content ground truth). */
    public static final String ORIGINAL = "original";
    /** The occluder's mask, 0/255 grey. */
    public static final String OCCLUDER = "occluder";
    /** {@code [x, y, width, height]} of the visible mask; informative. */
    public static final String BOX = "box";
    /** The generator's seed; informative. */
    public static final String SEED = "seed";
    /** Visible area over amodal area; informative. */
    public static final String VISIBLE_RATIO = "visible_ratio";
    /** Where the sample came from, free text; informative. */
    public static final String SOURCE = "source";

    /** Fields that every line must have. */
    public static final List<String> REQUIRED_FIELDS = List.of(ID, IMAGE, VISIBLE, AMODAL);
    /** Fields that name a file, in the order a writer puts them on a line. */
    public static final List<String> FILE_FIELDS = List.of(IMAGE, VISIBLE, AMODAL, SEGMENTER_MASK, VISIBLE_PARSING,
            AMODAL_PARSING, ORIGINAL, OCCLUDER);
    /** Every field a line may have, in the order a writer puts them on a line. */
    public static final List<String> ALL_FIELDS = List.of(ID, IMAGE, VISIBLE, AMODAL, SEGMENTER_MASK, VISIBLE_PARSING,
            AMODAL_PARSING, ORIGINAL, OCCLUDER, BOX, SEED, VISIBLE_RATIO, SOURCE);

    /** The longest manifest line read, in characters; longer lines are reported and skipped. */
    public static final int MAX_LINE_CHARS = 16 * 1024;
    /** The longest id or path accepted, in characters. */
    public static final int MAX_VALUE_CHARS = 1024;
    /** JSON nesting a line may use: the object and the {@code box} array. */
    public static final int MAX_JSON_DEPTH = 4;

    /**
     * Ids the writer accepts: they become file names, so letters, digits, {@code . _ -}, starting
     * with a letter or digit, at most 128 characters. Readers accept any non-blank id.
     */
    public static final Pattern WRITER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    static final Set<String> MASK_FIELDS = Set.of(VISIBLE, AMODAL, SEGMENTER_MASK, OCCLUDER);
    static final Set<String> PARSING_FIELDS = Set.of(VISIBLE_PARSING, AMODAL_PARSING);

    private DatasetLayout() {}

    /** Where the writer puts a sample's file for {@code field}: {@code <field>/<id>.png}. */
    public static String relativePath(String field, String id) {
        return field + "/" + id + ".png";
    }
}
