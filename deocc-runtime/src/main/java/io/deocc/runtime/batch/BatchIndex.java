package io.deocc.runtime.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch's record of committed items, {@code OUT/.deocc-batch/index.jsonl}: one JSON object per
 * line, appended after an item's folder is in place. Later lines for an id replace earlier ones.
 * Lines that do not parse (a crash can cut the last one short) are skipped.
 */
final class BatchIndex {
    private static final Logger log = LoggerFactory.getLogger(BatchIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchIndex() {}

    /**
     * One committed item.
     *
     * @param image SHA-256 of the image file
     * @param masks SHA-256 of each mask file, in order
     * @param config the batch's configuration checksum
     * @param files the item's files, relative to its folder, with their SHA-256
     */
    record Entry(String id, String image, List<String> masks, String config, int people, Map<String, String> files) {
        Entry {
            masks = List.copyOf(masks);
            files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        }
    }

    /** The latest entry per id; an absent file is an empty index. */
    static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Entry entry = parse(line);
                if (entry == null) {
                    log.warn("{} line {} is not a complete index entry (cut short by a crash?); ignored, the item will be redone", file, number);
                    continue;
                }
                entries.remove(entry.id());
                entries.put(entry.id(), entry);
            }
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        return entries;
    }

    /** The entry a line holds, or null when the line is not a whole, well-formed entry. */
    static Entry parse(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        String id = text(root, "id");
        String image = text(root, "image");
        String config = text(root, "config");
        JsonNode masksNode = root.get("masks");
        JsonNode filesNode = root.get("files");
        JsonNode people = root.get("people");
        if (id == null || image == null || config == null || masksNode == null || !masksNode.isArray() || filesNode == null
                || !filesNode.isObject() || people == null || !people.isInt() || people.intValue() < 0 || !BatchItem.ID_PATTERN.matcher(id).matches()) {
            return null;
        }
        List<String> masks = new ArrayList<>();
        for (JsonNode mask : masksNode) {
            if (!mask.isTextual()) {
                return null;
            }
            masks.add(mask.textValue());
        }
        Map<String, String> files = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = filesNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> file = it.next();
            if (!file.getValue().isTextual() || !StagedFiles.isSafeRelativePath(file.getKey())) {
                return null;
            }
            files.put(file.getKey(), file.getValue().textValue());
        }
        return new Entry(id, image, masks, config, people.intValue(), files);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** The entry as one line, with its line break. */
    static String line(Entry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", entry.id());
        node.put("image", entry.image());
        var masks = node.putArray("masks");
        entry.masks().forEach(masks::add);
        node.put("config", entry.config());
        node.put("people", entry.people());
        ObjectNode files = node.putObject("files");
        entry.files().forEach(files::put);
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format an index entry", e);
        }
    }
}
