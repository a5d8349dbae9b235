package io.deocc.runtime.batch;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One unit of a batch: an image, the mask files that go with it (for segmenters that read people
 * from files; empty otherwise), and the id that names its output folder {@code OUT/<id>/}.
 *
 * @param id a safe folder name: a letter or digit, then up to 127 letters, digits, {@code .},
 *     {@code _} or {@code -} (see {@link #toSafeId(String)} to derive one from a file name)
 * @param image the photo, PNG or JPEG
 * @param maskFiles the person masks handed to the segmenter, in order
 */
public record BatchItem(String id, Path image, List<Path> maskFiles) {
    /** What {@link #id()} must match; it keeps ids usable as folder names on every file system. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public BatchItem {
        checkNotNull(id, "id");
        checkArgument(ID_PATTERN.matcher(id).matches(), "batch item id '" + abbreviate(id) + "' is not a safe folder name: use a letter or "
                + "digit followed by at most 127 letters, digits, '.', '_' or '-' (BatchItem.toSafeId derives one from a file name)");
        checkNotNull(image, "image of item '" + id + "'");
        checkNotNull(maskFiles, "maskFiles of item '" + id + "'");
        for (Path mask : maskFiles) {
            checkNotNull(mask, "a mask file of item '" + id + "'");
        }
        maskFiles = List.copyOf(maskFiles);
    }

    /** An item without mask files: its people come from a segmenter that finds them itself. */
    public static BatchItem of(String id, Path image) {
        return new BatchItem(id, image, List.of());
    }

    /**
     * A valid id made from free text such as a relative file name: every character outside the
     * allowed set becomes {@code _}, a leading non-alphanumeric gets an {@code x} in front, and the
     * result is cut to 128 characters. Different texts may map to the same id; callers that need
     * unique ids check for that.
     */
    public static String toSafeId(String text) {
        checkNotNull(text, "text");
        StringBuilder id = new StringBuilder(text.length() + 1);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            id.append(allowed ? c : '_');
        }
        if (id.length() == 0 || !Character.isLetterOrDigit(id.charAt(0)) || id.charAt(0) >= 128) {
            id.insert(0, 'x');
        }
        return id.length() > 128 ? id.substring(0, 128) : id.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
