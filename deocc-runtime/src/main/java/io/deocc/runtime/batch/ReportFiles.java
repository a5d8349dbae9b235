package io.deocc.runtime.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Formats a {@link BatchReport} as {@code report.json} and {@code report.csv}. */
final class ReportFiles {
    static final String CSV_HEADER = "id,status,error_code,people,millis,message,outputs";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {}

    static byte[] json(BatchReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("outputDirectory", report.outputDirectory().toString());
        root.put("items", report.items().size());
        for (ItemStatus status : ItemStatus.values()) {
            root.put(camel(status), report.count(status));
        }
        root.put("millis", report.millis());
        root.put("itemsPerSecond", report.itemsPerSecond());
        root.put("configChecksum", report.configChecksum());
        ArrayNode items = root.putArray("outcomes");
        for (ItemOutcome outcome : report.items()) {
            ObjectNode item = items.addObject();
            item.put("id", outcome.itemId());
            item.put("status", outcome.status().name());
            outcome.errorCode().ifPresent(code -> {
                item.put("errorCode", code.name());
                item.put("errorNumber", code.code());
                item.put("errorType", code.type().name());
                item.put("message", outcome.message());
            });
            item.put("people", outcome.people());
            item.put("millis", outcome.millis());
            ObjectNode outputs = item.putObject("outputs");
            outcome.outputs().forEach(outputs::put);
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format the batch report", e);
        }
    }

    /** One row per item; {@code outputs} is {@code path=sha256} pairs joined with {@code ;}. */
    static byte[] csv(BatchReport report) {
        StringBuilder text = new StringBuilder(CSV_HEADER).append('\n');
        for (ItemOutcome outcome : report.items()) {
            text.append(cell(outcome.itemId())).append(',')
                    .append(outcome.status().name()).append(',')
                    .append(outcome.errorCode().map(Enum::name).orElse("")).append(',')
                    .append(outcome.people()).append(',')
                    .append(outcome.millis()).append(',')
                    .append(cell(outcome.message())).append(',')
                    .append(cell(outputs(outcome.outputs()))).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String outputs(Map<String, String> outputs) {
        return outputs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    /** RFC 4180 quoting, and line breaks flattened so that one item stays one line. */
    static String cell(String value) {
        String flat = value.replaceAll("[\\r\\n]+", " ");
        if (flat.indexOf(',') < 0 && flat.indexOf('"') < 0) {
            return flat;
        }
        return '"' + flat.replace("\"", "\"\"") + '"';
    }

    private static String camel(ItemStatus status) {
        String[] words = status.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
