package io.deocc.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Reads pipeline configuration files (.properties or .json) into the flat key form. */
final class ConfigFiles {
    /** A pipeline configuration is a few lines; anything larger is not one. */
    private static final long MAX_CONFIG_BYTES = 1 << 20;
    private static final int MAX_JSON_DEPTH = 16;

    private ConfigFiles() {}

    static Map<String, String> readFlat(Path file) {
        DeoccException.checkNotNull(file, "config file");
        if (!Files.isRegularFile(file)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "config file '" + file + "' does not exist: check the path");
        }
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new DeoccException(ErrorCode.INVALID_CONFIG, "config file '" + file + "' is larger than " + MAX_CONFIG_BYTES
                        + " bytes: a pipeline configuration is a few lines; check that this is the right file");
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return readJson(file);
            }
            if (name.endsWith(".properties")) {
                return readProperties(file);
            }
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "config file '" + file + "' must end in .properties or .json");
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read config file '" + file + "': " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "config file '" + file + "' is not a valid properties file: " + e.getMessage(), e);
        } catch (CharacterCodingException e) {
            // The file is readable but its bytes are not text: a content problem, not an I/O failure.
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "config file '" + file + "' is not UTF-8 text (" + e
                    + "): save it as UTF-8", e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            flat.put(key, properties.getProperty(key));
        }
        return flat;
    }

    private static Map<String, String> readJson(Path file) throws IOException {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        JsonNode root;
        try (JsonParser parser = factory.createParser(file.toFile())) {
            root = mapper.readTree(parser);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "config file '" + file + "' is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()), e);
        }
        if (root == null || !root.isObject()) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "config file '" + file + "' must hold a JSON object, e.g. {\"mask-completer\": \"reference\"}");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", root, flat, file);
        return flat;
    }

    /**
     * Objects nest with dots. A stage may be a string (its name) or an object with "name" and
     * "config": {"mask-completer": {"name": "reference", "config": {"hidden-weight": 0.4}}}.
     */
    private static void flatten(String prefix, JsonNode node, Map<String, String> into, Path file) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String path;
            if (key.equals("name") && !prefix.isEmpty()) {
                path = prefix;
            } else if (key.equals("config") && !prefix.isEmpty()) {
                path = prefix;
                if (!value.isObject()) {
                    throw new DeoccException(ErrorCode.INVALID_CONFIG, "in config file '" + file + "', '" + prefix + ".config' must be an object");
                }
                flatten(path, value, into, file);
                continue;
            } else {
                path = prefix.isEmpty() ? key : prefix + "." + key;
            }
            if (value.isObject()) {
                flatten(path, value, into, file);
            } else if (value.isValueNode() && !value.isNull()) {
                into.put(path, value.asText());
            } else {
                throw new DeoccException(ErrorCode.INVALID_CONFIG, "in config file '" + file + "', '" + path
                        + "' must be a string, number or boolean, not " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
        }
    }
}
