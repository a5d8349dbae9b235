package io.deocc.data;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.Box;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One line of a {@value DatasetLayout#MANIFEST}, as written: the sample's id, the files of its
 * parts (keyed by field name, paths relative to the dataset folder), and informative facts.
 *
 * @param id the sample id, unique within the dataset
 * @param files field name ({@link DatasetLayout#FILE_FIELDS}) to relative path; must name image, visible and amodal
 * @param box the visible mask's bounding box, informative
 * @param visibleRatio visible area over amodal area, informative
 * @param metadata seed and source, informative
 */
public record ManifestEntry(String id, Map<String, String> files, Optional<Box> box, OptionalDouble visibleRatio,
        SampleMetadata metadata) {
    public ManifestEntry {
        checkNotNull(id, "id");
        checkArgument(!id.isBlank() && id.length() <= DatasetLayout.MAX_VALUE_CHARS,
                "manifest id '" + abbreviate(id) + "' is blank or longer than " + DatasetLayout.MAX_VALUE_CHARS + " characters: give a short non-blank id");
        checkNotNull(files, "files");
        checkNotNull(box, "box");
        checkNotNull(visibleRatio, "visibleRatio");
        checkNotNull(metadata, "metadata");
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String field : DatasetLayout.FILE_FIELDS) {
            String path = files.get(field);
            if (path != null) {
                ordered.put(field, path);
            }
        }
        for (Map.Entry<String, String> entry : files.entrySet()) {
            checkArgument(DatasetLayout.FILE_FIELDS.contains(entry.getKey()), "manifest entry '" + id + "' has file field '"
                    + entry.getKey() + "', which is not a file field: use one of " + DatasetLayout.FILE_FIELDS);
            checkNotNull(entry.getValue(), "path of field '" + entry.getKey() + "'");
        }
        for (String field : new String[] {DatasetLayout.IMAGE, DatasetLayout.VISIBLE, DatasetLayout.AMODAL}) {
            checkArgument(ordered.containsKey(field), "manifest entry '" + id + "' has no '" + field + "' file: every sample needs "
                    + DatasetLayout.IMAGE + ", " + DatasetLayout.VISIBLE + " and " + DatasetLayout.AMODAL);
        }
        visibleRatio.ifPresent(r -> checkArgument(r > 0 && r <= 1, "manifest entry '" + id + "' visible ratio " + r
                + " is outside (0, 1]: it is the visible area over the amodal area"));
        files = Collections.unmodifiableMap(ordered);
    }

    /** The relative path of one file field, when the line has it. */
    public Optional<String> file(String field) {
        return Optional.ofNullable(files.get(field));
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
