package io.deocc.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.network.Normalisation;
import io.deocc.api.spi.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and writes {@link ModelCard} JSON. Every problem becomes {@code MODEL_INVALID} naming the source and field. */
final class ModelCardJson {
    /** A card is a few hundred bytes; a megabyte is certainly something else. */
    static final long MAX_CARD_BYTES = 1 << 20;
    /** Card object, recipe (3 levels) and a little slack. */
    private static final int MAX_NESTING_DEPTH = 8;
    private static final int MAX_STRING_CHARS = 1 << 16;

    static final String FORMAT_VERSION = "format-version";
    static final String STAGE = "stage";
    static final String BACKBONE = "backbone";
    static final String SPEC = "spec";
    static final String INPUT_CHANNELS = "input-channels";
    static final String OUTPUT_CHANNELS = "output-channels";
    static final String DEPTH = "depth";
    static final String WIDTH = "width";
    static final String INPUT_SIZE = "input-size";
    static final String CLASSES = "classes";
    static final String NORMALISATION = "normalisation";
    static final String MEAN = "mean";
    static final String STD = "std";
    static final String UNIT = "unit";
    static final String TRAINING_RECIPE = "training-recipe";
    static final String BENCH_METRICS = "bench-metrics";
    static final String WEIGHTS_FILE = "weights-file";
    static final String WEIGHTS_SHA256 = "weights-sha256";
    static final String CREATED_BY = "created-by";
    static final String SIGNATURE = "signature";
    static final String INPUTS = "inputs";
    static final String OUTPUTS = "outputs";
    static final String NAME = "name";
    static final String CHANNELS = "channels";

    private static final List<String> CARD_FIELDS = List.of(FORMAT_VERSION, STAGE, BACKBONE, SPEC, INPUT_SIZE, CLASSES,
            NORMALISATION, SIGNATURE, TRAINING_RECIPE, BENCH_METRICS, WEIGHTS_FILE, WEIGHTS_SHA256, CREATED_BY);
    private static final List<String> SIGNATURE_FIELDS = List.of(INPUTS, OUTPUTS);
    private static final List<String> TENSOR_FIELDS = List.of(NAME, CHANNELS);
    private static final List<String> SPEC_FIELDS = List.of(INPUT_CHANNELS, OUTPUT_CHANNELS, DEPTH, WIDTH);
    private static final List<String> NORMALISATION_FIELDS = List.of(MEAN, STD);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxDocumentLength(MAX_CARD_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelCardJson() {
    }

    static List<String> stageNames() {
        return Arrays.stream(Stage.values()).map(ModelCardJson::stageName).collect(Collectors.toList());
    }

    static String stageName(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ModelCard read(Path file) {
        DeoccException.checkNotNull(file, "model card file");
        if (!Files.isRegularFile(file)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "model card '" + file
                    + "' does not exist: check the path (a card is the <name>.card.json written next to <name>.params)");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_CARD_BYTES) {
                throw invalid(file.toString(), "the file has " + size + " bytes, more than the limit of " + MAX_CARD_BYTES
                        + ": a model card is a small JSON object; check that this is the card and not the weights");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read model card '" + file + "' (" + e
                    + "): check the file's permissions", e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    static ModelCard parse(String json, String source) {
        DeoccException.checkNotNull(json, "model card JSON");
        DeoccException.checkNotNull(source, "model card source");
        JsonNode root;
        try (JsonParser parser = FACTORY.createParser(json)) {
            root = MAPPER.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw invalid(source, "there is more JSON after the card object: a card file holds exactly one object");
            }
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + source + "' is not valid JSON" + where
                    + " (" + e.getOriginalMessage() + "): fix the file or re-export the model", e);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read model card '" + source + "': " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(source, "the top level is not a JSON object: a model card is an object with the fields " + CARD_FIELDS);
        }
        Fields card = new Fields(source, "", (ObjectNode) root, CARD_FIELDS);
        int formatVersion = card.integer(FORMAT_VERSION);
        Stage stage = card.stage(STAGE);
        String backbone = card.text(BACKBONE);
        ModelSignature signature = card.has(SIGNATURE) ? card.signature(SIGNATURE) : ModelSignature.NONE;
        // a TorchScript card may leave the spec out: it is then derived from the signature
        boolean deriveSpec = !card.has(SPEC) && (ModelCard.TORCHSCRIPT.equals(backbone) || ModelCard.ONNX.equals(backbone)) && !signature.isEmpty();
        int inputChannels = 0;
        int outputChannels = 0;
        int depth = 0;
        int width = 0;
        if (!deriveSpec) {
            Fields specFields = card.object(SPEC, SPEC_FIELDS);
            inputChannels = specFields.integer(INPUT_CHANNELS);
            outputChannels = specFields.integer(OUTPUT_CHANNELS);
            depth = specFields.integer(DEPTH);
            width = specFields.integer(WIDTH);
        }
        int inputSize = card.integer(INPUT_SIZE);
        int classes = card.integer(CLASSES);
        Normalisation normalisation = card.normalisation(NORMALISATION);
        Map<String, Object> recipe = card.freeForm(TRAINING_RECIPE);
        Map<String, Double> metrics = card.numbers(BENCH_METRICS);
        String weightsFile = card.text(WEIGHTS_FILE);
        String weightsSha256 = card.text(WEIGHTS_SHA256);
        String createdBy = card.text(CREATED_BY);
        try {
            // The spec's own messages say "backbone width 17 ..."; the prefix names the JSON object.
            BackboneSpec spec;
            try {
                spec = deriveSpec ? ModelCard.torchScriptSpec(signature)
                        : new BackboneSpec(inputChannels, outputChannels, depth, width);
            } catch (DeoccException e) {
                throw DeoccException.invalidArgument("field 'spec': " + e.getMessage());
            }
            ModelCard result = new ModelCard(formatVersion, stage, backbone, spec, inputSize, classes, normalisation,
                    recipe, metrics, weightsFile, weightsSha256, createdBy, signature);
            if (!result.isSaved()) {
                throw DeoccException.invalidArgument("fields 'weights-file' and 'weights-sha256' are empty:"
                        + " a card on disk must name its weights; save the model with ModelFiles.save");
            }
            return result;
        } catch (DeoccException e) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + source + "': " + e.getMessage(), e);
        }
    }

    static String write(ModelCard card) {
        DeoccException.checkNotNull(card, "model card");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put(FORMAT_VERSION, card.formatVersion());
        root.put(STAGE, stageName(card.stage()));
        root.put(BACKBONE, card.backbone());
        ObjectNode spec = root.putObject(SPEC);
        spec.put(INPUT_CHANNELS, card.spec().inputChannels());
        spec.put(OUTPUT_CHANNELS, card.spec().outputChannels());
        spec.put(DEPTH, card.spec().depth());
        spec.put(WIDTH, card.spec().width());
        root.put(INPUT_SIZE, card.inputSize());
        root.put(CLASSES, card.classes());
        if (card.normalisation().isUnit()) {
            root.put(NORMALISATION, UNIT);
        } else {
            ObjectNode normalisation = root.putObject(NORMALISATION);
            ArrayNode mean = normalisation.putArray(MEAN);
            card.normalisation().mean().forEach(mean::add);
            ArrayNode std = normalisation.putArray(STD);
            card.normalisation().std().forEach(std::add);
        }
        if (!card.signature().isEmpty()) {
            ObjectNode signature = root.putObject(SIGNATURE);
            writeTensors(signature.putArray(INPUTS), card.signature().inputs());
            writeTensors(signature.putArray(OUTPUTS), card.signature().outputs());
        }
        root.set(TRAINING_RECIPE, toNode(card.trainingRecipe()));
        ObjectNode metrics = root.putObject(BENCH_METRICS);
        card.benchMetrics().forEach(metrics::put);
        root.put(WEIGHTS_FILE, card.weightsFile());
        root.put(WEIGHTS_SHA256, card.weightsSha256());
        root.put(CREATED_BY, card.createdBy());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JacksonException e) {
            throw new DeoccException(ErrorCode.INTERNAL, "cannot write a model card as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void writeTensors(ArrayNode array, List<TensorSignature> tensors) {
        for (TensorSignature tensor : tensors) {
            ObjectNode item = array.addObject();
            item.put(NAME, tensor.name());
            item.put(CHANNELS, tensor.channels());
        }
    }

    private static JsonNode toNode(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        }
        if (value instanceof Long number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(item -> array.add(toNode(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((key, item) -> object.set((String) key, toNode(item)));
            return object;
        }
        // the card's constructor admits only the types above
        throw new DeoccException(ErrorCode.INTERNAL, "unexpected recipe value type " + value.getClass().getName());
    }

    private static DeoccException invalid(String source, String message) {
        return new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + source + "': " + message);
    }

    /** One JSON object's fields: each is read once, and leftovers are unknown fields. */
    private static final class Fields {
        private final String source;
        private final String prefix;
        private final ObjectNode node;

        Fields(String source, String prefix, ObjectNode node, List<String> known) {
            this.source = source;
            this.prefix = prefix;
            this.node = node;
            Set<String> unknown = new LinkedHashSet<>();
            node.fieldNames().forEachRemaining(unknown::add);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw invalid(source, "unknown field" + (unknown.size() > 1 ? "s " : " ")
                        + unknown.stream().map(name -> "'" + prefix + name + "'").collect(Collectors.joining(", "))
                        + ": the known fields" + (prefix.isEmpty() ? "" : " of '" + prefix.substring(0, prefix.length() - 1) + "'")
                        + " are " + known + "; remove or rename it");
            }
        }

        private JsonNode required(String name, String expected) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw invalid(source, "field '" + prefix + name + "' is missing: give " + expected);
            }
            return value;
        }

        private DeoccException wrongType(String name, JsonNode value, String expected) {
            return invalid(source, "field '" + prefix + name + "' is " + describe(value) + ": give " + expected);
        }

        boolean has(String name) {
            JsonNode value = node.get(name);
            return value != null && !value.isNull();
        }

        ModelSignature signature(String name) {
            Fields fields = object(name, SIGNATURE_FIELDS);
            List<TensorSignature> inputs = fields.tensors(INPUTS);
            List<TensorSignature> outputs = fields.tensors(OUTPUTS);
            try {
                return new ModelSignature(inputs, outputs);
            } catch (DeoccException e) {
                throw invalid(source, e.getMessage());
            }
        }

        private List<TensorSignature> tensors(String name) {
            String expected = "an array of {\"name\": ..., \"channels\": ...} objects, at least one";
            JsonNode value = required(name, expected);
            if (!value.isArray() || value.isEmpty() || value.size() > ModelSignature.MAX_TENSORS) {
                throw wrongType(name, value, expected + " and at most " + ModelSignature.MAX_TENSORS);
            }
            List<TensorSignature> tensors = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String path = prefix + name + "[" + i + "]";
                if (!item.isObject()) {
                    throw invalid(source, "field '" + path + "' is " + describe(item) + ": give {\"name\": ...,"
                            + " \"channels\": ...}");
                }
                Fields tensor = new Fields(source, path + ".", (ObjectNode) item, TENSOR_FIELDS);
                String tensorName = tensor.text(NAME);
                int channels = tensor.integer(CHANNELS);
                try {
                    tensors.add(new TensorSignature(tensorName, channels));
                } catch (DeoccException e) {
                    throw invalid(source, "field '" + path + "': " + e.getMessage());
                }
            }
            return tensors;
        }

        int integer(String name) {
            String expected = "a whole number";
            JsonNode value = required(name, expected);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw wrongType(name, value, expected + " that fits in 32 bits");
            }
            return value.intValue();
        }

        String text(String name) {
            JsonNode value = required(name, "a string");
            if (!value.isTextual()) {
                throw wrongType(name, value, "a string");
            }
            return value.textValue();
        }

        Stage stage(String name) {
            String expected = "one of " + stageNames();
            JsonNode value = required(name, expected);
            if (value.isTextual()) {
                for (Stage stage : Stage.values()) {
                    if (stageName(stage).equals(value.textValue())) {
                        return stage;
                    }
                }
            }
            throw wrongType(name, value, expected);
        }

        Fields object(String name, List<String> known) {
            String expected = "an object with " + known;
            JsonNode value = required(name, expected);
            if (!value.isObject()) {
                throw wrongType(name, value, expected);
            }
            return new Fields(source, prefix + name + ".", (ObjectNode) value, known);
        }

        Normalisation normalisation(String name) {
            String expected = "\"unit\" or {\"mean\": [one per input channel], \"std\": [one per input channel]}";
            JsonNode value = required(name, expected);
            if (value.isTextual() && value.textValue().equals(UNIT)) {
                return Normalisation.UNIT;
            }
            if (!value.isObject()) {
                throw wrongType(name, value, expected);
            }
            Fields fields = new Fields(source, prefix + name + ".", (ObjectNode) value, NORMALISATION_FIELDS);
            List<Double> mean = fields.numberList(MEAN);
            List<Double> std = fields.numberList(STD);
            if (mean.isEmpty()) {
                throw invalid(source, "field '" + prefix + name + ".mean' is empty: give one value per input channel,"
                        + " or write \"unit\" for no normalisation");
            }
            try {
                return new Normalisation(mean, std);
            } catch (DeoccException e) {
                throw invalid(source, e.getMessage());
            }
        }

        List<Double> numberList(String name) {
            String expected = "an array of numbers";
            JsonNode value = required(name, expected);
            if (!value.isArray() || value.size() > BackboneSpec.MAX_CHANNELS) {
                throw wrongType(name, value, expected + " (at most " + BackboneSpec.MAX_CHANNELS + ")");
            }
            List<Double> numbers = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isNumber()) {
                    throw wrongType(name, value, expected);
                }
                numbers.add(item.doubleValue());
            }
            return numbers;
        }

        Map<String, Double> numbers(String name) {
            String expected = "an object of name: number pairs, {} for none";
            JsonNode value = required(name, expected);
            if (!value.isObject()) {
                throw wrongType(name, value, expected);
            }
            Map<String, Double> numbers = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (!entry.getValue().isNumber()) {
                    throw invalid(source, "field '" + prefix + name + "." + entry.getKey() + "' is "
                            + describe(entry.getValue()) + ": give a number");
                }
                numbers.put(entry.getKey(), entry.getValue().doubleValue());
            }
            return numbers;
        }

        Map<String, Object> freeForm(String name) {
            String expected = "an object, {} for none";
            JsonNode value = required(name, expected);
            if (!value.isObject()) {
                throw wrongType(name, value, expected);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) toJava(prefix + name, value);
            return map;
        }

        private Object toJava(String path, JsonNode value) {
            if (value.isTextual()) {
                return value.textValue();
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isIntegralNumber()) {
                if (!value.canConvertToLong()) {
                    throw invalid(source, "field '" + path + "' is " + value + ": give an integer that fits in 64 bits");
                }
                return value.longValue();
            }
            if (value.isNumber()) {
                return value.doubleValue();
            }
            if (value.isArray()) {
                List<Object> list = new ArrayList<>();
                int index = 0;
                for (JsonNode item : value) {
                    list.add(toJava(path + "[" + index++ + "]", item));
                }
                return list;
            }
            if (value.isObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    map.put(entry.getKey(), toJava(path + "." + entry.getKey(), entry.getValue()));
                }
                return map;
            }
            throw invalid(source, "field '" + path + "' is " + describe(value)
                    + ": give a string, boolean, number, array or object, or leave the key out");
        }
    }

    private static String describe(JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            String text = value.toString();
            return text.length() > 40 ? text.substring(0, 40) + "…" : text;
        }
        return value.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
