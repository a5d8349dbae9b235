package io.deocc.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.Box;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Turns manifest lines into {@link ManifestEntry} values and back. Parsing is bounded (line length,
 * nesting depth, string and number lengths), so a hostile manifest cannot exhaust memory, and strict:
 * unknown and duplicated keys, wrong types and missing required fields are errors that name the field.
 */
final class ManifestJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(DatasetLayout.MAX_JSON_DEPTH)
                    .maxStringLength(DatasetLayout.MAX_VALUE_CHARS * 4)
                    .maxNumberLength(64)
                    .maxDocumentLength(DatasetLayout.MAX_LINE_CHARS * 4L)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ManifestJson() {}

    /**
     * Parses one line.
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} whose message names the field and the fix
     *     (without the line number, which the caller adds)
     */
    static ManifestEntry parse(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (StreamConstraintsException e) {
            throw invalid("the line exceeds a JSON limit (" + firstLine(e.getOriginalMessage())
                    + "): keep ids and paths under " + DatasetLayout.MAX_VALUE_CHARS + " characters and the line flat");
        } catch (JsonProcessingException e) {
            throw invalid("the line is not valid JSON (" + firstLine(e.getOriginalMessage())
                    + " at column " + e.getLocation().getColumnNr() + "): write one JSON object per line");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the line is " + (root == null ? "empty" : "a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + ", not a JSON object: write one object per line, e.g. {\"id\": \"a\", \"image\": \"image/a.png\", ...}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!DatasetLayout.ALL_FIELDS.contains(name)) {
                throw invalid("unknown field '" + ManifestEntry.abbreviate(name) + "': remove it or use one of " + DatasetLayout.ALL_FIELDS);
            }
        }
        for (String field : DatasetLayout.REQUIRED_FIELDS) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                throw invalid("required field '" + field + "' is missing: every line needs " + DatasetLayout.REQUIRED_FIELDS);
            }
        }
        String id = text(root, DatasetLayout.ID);
        Map<String, String> files = new LinkedHashMap<>();
        for (String field : DatasetLayout.FILE_FIELDS) {
            JsonNode node = root.get(field);
            if (node != null && !node.isNull()) {
                files.put(field, text(root, field));
            }
        }
        Optional<Box> box = box(root.get(DatasetLayout.BOX));
        OptionalLong seed = OptionalLong.empty();
        JsonNode seedNode = root.get(DatasetLayout.SEED);
        if (seedNode != null && !seedNode.isNull()) {
            if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                throw invalid("field 'seed' is " + show(seedNode) + ": expected an integer that fits in 64 bits");
            }
            seed = OptionalLong.of(seedNode.longValue());
        }
        OptionalDouble ratio = OptionalDouble.empty();
        JsonNode ratioNode = root.get(DatasetLayout.VISIBLE_RATIO);
        if (ratioNode != null && !ratioNode.isNull()) {
            double value = ratioNode.isNumber() ? ratioNode.doubleValue() : Double.NaN;
            if (!(value > 0 && value <= 1)) {
                throw invalid("field 'visible_ratio' is " + show(ratioNode) + ": expected a number in (0, 1], the visible area over the amodal area");
            }
            ratio = OptionalDouble.of(value);
        }
        Optional<String> source = Optional.empty();
        JsonNode sourceNode = root.get(DatasetLayout.SOURCE);
        if (sourceNode != null && !sourceNode.isNull()) {
            source = Optional.of(text(root, DatasetLayout.SOURCE));
        }
        try {
            return new ManifestEntry(id, files, box, ratio, new SampleMetadata(seed, source));
        } catch (DeoccException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The line for an entry: keys in {@link DatasetLayout#ALL_FIELDS} order, no spaces, no line break. */
    static String format(ManifestEntry entry) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField(DatasetLayout.ID, entry.id());
            for (Map.Entry<String, String> file : entry.files().entrySet()) {
                out.writeStringField(file.getKey(), file.getValue());
            }
            if (entry.box().isPresent()) {
                Box box = entry.box().get();
                out.writeArrayFieldStart(DatasetLayout.BOX);
                out.writeNumber(box.x());
                out.writeNumber(box.y());
                out.writeNumber(box.width());
                out.writeNumber(box.height());
                out.writeEndArray();
            }
            if (entry.metadata().seed().isPresent()) {
                out.writeNumberField(DatasetLayout.SEED, entry.metadata().seed().getAsLong());
            }
            if (entry.visibleRatio().isPresent()) {
                out.writeNumberField(DatasetLayout.VISIBLE_RATIO, entry.visibleRatio().getAsDouble());
            }
            if (entry.metadata().source().isPresent()) {
                out.writeStringField(DatasetLayout.SOURCE, entry.metadata().source().get());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return text.toString();
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (!node.isTextual()) {
            throw invalid("field '" + field + "' is " + show(node) + ": expected a string");
        }
        String value = node.textValue();
        if (value.isBlank()) {
            throw invalid("field '" + field + "' is blank: give a non-empty " + (DatasetLayout.ID.equals(field) ? "id" : "value"));
        }
        if (value.length() > DatasetLayout.MAX_VALUE_CHARS) {
            throw invalid("field '" + field + "' is " + value.length() + " characters long: keep it under " + DatasetLayout.MAX_VALUE_CHARS);
        }
        return value;
    }

    private static Optional<Box> box(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String fix = ": expected [x, y, width, height] with whole numbers, x and y at least 0, width and height at least 1";
        if (!node.isArray() || node.size() != 4) {
            throw invalid("field 'box' is " + show(node) + fix);
        }
        List<Integer> values = new ArrayList<>(4);
        for (JsonNode value : node) {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw invalid("field 'box' is " + show(node) + fix);
            }
            values.add(value.intValue());
        }
        if (values.get(0) < 0 || values.get(1) < 0 || values.get(2) < 1 || values.get(3) < 1) {
            throw invalid("field 'box' is " + show(node) + fix);
        }
        try {
            return Optional.of(new Box(values.get(0), values.get(1), values.get(2), values.get(3)));
        } catch (DeoccException e) {
            throw invalid("field 'box' is " + show(node) + ": " + e.getMessage());
        }
    }

    static DeoccException invalid(String message) {
        return new DeoccException(ErrorCode.ANNOTATION_INVALID, message);
    }

    private static String show(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown problem";
        }
        int cut = text.indexOf('\n');
        return cut < 0 ? text : text.substring(0, cut);
    }
}
