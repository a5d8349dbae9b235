package io.deocc.model;

import io.deocc.api.DeoccException;
import io.deocc.api.network.Normalisation;
import io.deocc.api.spi.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a weights file is: the stage it serves, the backbone and spec that rebuild its network, the
 * input it expects, how it was trained and measured, and the SHA-256 that ties the card to exactly
 * one weights file. Validated on construction; messages name the JSON field.
 *
 * <p>Two kinds of card: a <em>native</em> card names one of deocc's backbones (e.g. {@code unet}) and
 * its weights — a DJL {@code .params} file that training saved, or an {@code .onnx} file that
 * {@code deocc export} wrote; a <em>foreign</em> card names the backbone {@link #TORCHSCRIPT} (a user's
 * {@code .pt} file from {@code torch.jit.save}) or {@link #ONNX} (an {@code .onnx} file from other
 * software) and the network's {@link ModelSignature}. For TorchScript the spec's channels must be those of the first input and the
 * first output (components that check the spec's channels then work unchanged); its depth and width
 * describe nothing and are 1 when the JSON leaves the spec out.
 *
 * <p>A card that has not been saved yet has an empty {@link #weightsFile()} and
 * {@link #weightsSha256()} (see {@link #unsaved}); the DJL engine's {@code ModelFiles.save} fills both in.
 *
 * @param formatVersion card format, {@link #FORMAT_VERSION}
 * @param stage the pipeline stage the network serves
 * @param backbone the backbone's bound name, e.g. {@code unet}
 * @param spec channels, depth and width the backbone is built with
 * @param inputSize the square input side the network was trained at, in pixels
 * @param classes the number of classes the output encodes (e.g. 2 for a mask, 20 for LIP parsing)
 * @param normalisation how input values were scaled
 * @param trainingRecipe free-form: steps, batch, learning rate, loss terms, data preset and seed;
 *        values are strings, booleans, {@code Long}s, {@code Double}s, lists and maps of these
 * @param benchMetrics measured quality, name → finite number
 * @param weightsFile the weights' file name, next to the card; empty before saving
 * @param weightsSha256 lowercase hex SHA-256 of the weights file; empty before saving
 * @param createdBy the software that wrote the card, e.g. {@code deocc 0.1.0}
 * @param signature the TorchScript network's inputs and outputs; {@link ModelSignature#NONE} for a
 *        native card, required for a TorchScript card
 */
public record ModelCard(int formatVersion, Stage stage, String backbone, BackboneSpec spec, int inputSize,
        int classes, Normalisation normalisation, Map<String, Object> trainingRecipe,
        Map<String, Double> benchMetrics, String weightsFile, String weightsSha256, String createdBy,
        ModelSignature signature) {
    /** The only card format this version reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** The backbone name of a user's TorchScript network. */
    public static final String TORCHSCRIPT = "torchscript";
    /** Suffix of a TorchScript card's weights file. */
    public static final String TORCHSCRIPT_SUFFIX = ".pt";
    /** The backbone name of a foreign ONNX network (one exported by other software, e.g. {@code torch.onnx.export}). */
    public static final String ONNX = "onnx";
    /** Suffix of an ONNX model file. */
    public static final String ONNX_SUFFIX = ".onnx";
    /** Suffix of a native card's DJL parameters file. */
    public static final String PARAMS_SUFFIX = ".params";
    /** Suffix of a card file; the weights file's stem plus this. */
    public static final String CARD_SUFFIX = ".card.json";
    /** Largest accepted input side. */
    public static final int MAX_INPUT_SIZE = 4096;
    /** Largest accepted class count. */
    public static final int MAX_CLASSES = 1024;
    /** Largest number of entries in the recipe, in the metrics, and in any recipe list or map. */
    public static final int MAX_ENTRIES = 64;
    /** Deepest nesting of lists and maps inside the recipe. */
    public static final int MAX_RECIPE_DEPTH = 3;
    /** Longest recipe string value. */
    public static final int MAX_TEXT_CHARS = 1024;

    private static final Pattern BACKBONE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final Pattern WEIGHTS_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,119}\\.(params|pt|onnx)");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Validates every field and makes the maps immutable (sorted by key). */
    public ModelCard {
        DeoccException.checkArgument(formatVersion == FORMAT_VERSION, "field 'format-version' is " + formatVersion
                + ": this deocc reads format " + FORMAT_VERSION + " only; re-export the model with this version");
        DeoccException.checkArgument(stage != null, "field 'stage' is missing: give one of " + ModelCardJson.stageNames());
        DeoccException.checkArgument(backbone != null && BACKBONE_NAME.matcher(backbone).matches(), "field 'backbone' is "
                + quote(backbone) + ": give a backbone's bound name (lowercase letters, digits and '-', e.g. 'unet')");
        DeoccException.checkArgument(spec != null, "field 'spec' is missing: give input-channels, output-channels, depth and width");
        checkRange("input-size", inputSize, 1, MAX_INPUT_SIZE);
        checkRange("classes", classes, 1, MAX_CLASSES);
        DeoccException.checkArgument(normalisation != null, "field 'normalisation' is missing: give \"unit\" or {\"mean\": [...], \"std\": [...]}");
        DeoccException.checkArgument(normalisation.isUnit() || normalisation.channels() == spec.inputChannels(),
                "field 'normalisation' covers " + normalisation.channels() + " channels but the spec has "
                        + spec.inputChannels() + " input channels: give one mean and std per input channel, or \"unit\"");
        trainingRecipe = copyRecipe(trainingRecipe);
        benchMetrics = copyMetrics(benchMetrics);
        DeoccException.checkArgument(weightsFile != null && weightsSha256 != null,
                "fields 'weights-file' and 'weights-sha256' must not be null: use \"\" for both before saving");
        if (weightsFile.isEmpty() || weightsSha256.isEmpty()) {
            DeoccException.checkArgument(weightsFile.isEmpty() && weightsSha256.isEmpty(), "fields 'weights-file' ("
                    + quote(weightsFile) + ") and 'weights-sha256' (" + quote(weightsSha256)
                    + ") must be both empty (not saved yet) or both set: save the model with ModelFiles.save");
        } else {
            DeoccException.checkArgument(WEIGHTS_FILE.matcher(weightsFile).matches(), "field 'weights-file' is "
                    + quote(weightsFile) + ": give a plain file name ending in " + weightsSuffix(backbone)
                    + " (letters, digits, '.', '_', '-'), no folders");
            // a native network's weights are DJL parameters or an ONNX file exported with its parameters kept
            DeoccException.checkArgument(weightsFile.endsWith(weightsSuffix(backbone))
                    || !isForeign(backbone) && weightsFile.endsWith(ONNX_SUFFIX), "field 'weights-file' is "
                    + quote(weightsFile) + " but a card for backbone '" + backbone + "' needs a " + weightsSuffix(backbone)
                    + " file: " + switch (backbone) {
                        case TORCHSCRIPT -> "save the network with torch.jit.save as a .pt file";
                        case ONNX -> "give the .onnx file of the network the signature describes";
                        default -> "a .pt file needs backbone 'torchscript' and a 'signature', a foreign .onnx file"
                                + " backbone 'onnx' and a 'signature'; .params files come from ModelFiles.save";
                    });
            DeoccException.checkArgument(SHA256.matcher(weightsSha256).matches(), "field 'weights-sha256' is "
                    + quote(weightsSha256) + ": give 64 lowercase hex digits (the SHA-256 of the weights file)");
        }
        DeoccException.checkArgument(createdBy != null && !createdBy.isBlank() && createdBy.length() <= 128
                        && createdBy.chars().noneMatch(Character::isISOControl),
                "field 'created-by' is " + quote(createdBy) + ": give the writing software and version, e.g."
                        + " 'deocc 0.1.0', at most 128 characters on one line");
        DeoccException.checkArgument(signature != null, "field 'signature' must not be null: use ModelSignature.NONE"
                + " for a native card");
        checkSignature(backbone, spec, signature);
    }

    /** A card without a signature, as every native card is; see the canonical constructor. */
    public ModelCard(int formatVersion, Stage stage, String backbone, BackboneSpec spec, int inputSize, int classes,
            Normalisation normalisation, Map<String, Object> trainingRecipe, Map<String, Double> benchMetrics,
            String weightsFile, String weightsSha256, String createdBy) {
        this(formatVersion, stage, backbone, spec, inputSize, classes, normalisation, trainingRecipe, benchMetrics,
                weightsFile, weightsSha256, createdBy, ModelSignature.NONE);
    }

    /** A card before saving: the current format, no weights file and no hash yet. */
    public static ModelCard unsaved(Stage stage, String backbone, BackboneSpec spec, int inputSize, int classes,
            Normalisation normalisation, Map<String, Object> trainingRecipe, Map<String, Double> benchMetrics,
            String createdBy) {
        return new ModelCard(FORMAT_VERSION, stage, backbone, spec, inputSize, classes, normalisation, trainingRecipe,
                benchMetrics, "", "", createdBy);
    }

    /**
     * A TorchScript card before its hash is filled in (see the DJL engine's {@code ModelFiles.writeTorchScriptCard}): the
     * spec is derived from the signature's first input and first output, with depth and width 1.
     */
    public static ModelCard unsavedTorchScript(Stage stage, ModelSignature signature, int inputSize, int classes,
            Normalisation normalisation, Map<String, Object> trainingRecipe, Map<String, Double> benchMetrics,
            String createdBy) {
        return unsavedForeign(TORCHSCRIPT, stage, signature, inputSize, classes, normalisation, trainingRecipe,
                benchMetrics, createdBy);
    }

    /**
     * The spec a TorchScript card has when its JSON leaves it out: the first input's and the first
     * output's channels, depth 1 and width 1.
     */
    public static BackboneSpec torchScriptSpec(ModelSignature signature) {
        DeoccException.checkNotNull(signature, "signature");
        DeoccException.checkArgument(!signature.isEmpty(), "a TorchScript card needs field 'signature' with at least"
                + " one input and one output, e.g. {\"inputs\": [{\"name\": \"image_and_visible\", \"channels\": 4}],"
                + " \"outputs\": [{\"name\": \"amodal_logits\", \"channels\": 1}]}");
        return new BackboneSpec(signature.inputs().get(0).channels(), signature.outputs().get(0).channels(), 1, 1);
    }

    /** This card with the given weights file name and SHA-256. */
    public ModelCard withWeights(String file, String sha256) {
        return new ModelCard(formatVersion, stage, backbone, spec, inputSize, classes, normalisation, trainingRecipe,
                benchMetrics, file, sha256, createdBy, signature);
    }

    /** This card with another spec, e.g. to describe a wider network; weights and hash are kept. */
    public ModelCard withSpec(BackboneSpec newSpec) {
        return new ModelCard(formatVersion, stage, backbone, newSpec, inputSize, classes, normalisation, trainingRecipe,
                benchMetrics, weightsFile, weightsSha256, createdBy, signature);
    }

    /** This card naming another backbone. */
    public ModelCard withBackbone(String newBackbone) {
        return new ModelCard(formatVersion, stage, newBackbone, spec, inputSize, classes, normalisation, trainingRecipe,
                benchMetrics, weightsFile, weightsSha256, createdBy, signature);
    }

    /** This card with another signature (e.g. to describe a re-exported TorchScript network). */
    public ModelCard withSignature(ModelSignature newSignature) {
        return new ModelCard(formatVersion, stage, backbone, spec, inputSize, classes, normalisation, trainingRecipe,
                benchMetrics, weightsFile, weightsSha256, createdBy, newSignature);
    }

    /** A stage as cards and messages spell it, e.g. {@code mask-completion}. */
    public static String stageName(Stage stage) {
        DeoccException.checkNotNull(stage, "stage");
        return ModelCardJson.stageName(stage);
    }

    /** Whether the card describes a user's TorchScript network rather than a native backbone. */
    public boolean isTorchScript() {
        return TORCHSCRIPT.equals(backbone);
    }

    /** Whether the card describes a foreign ONNX network rather than a native backbone. */
    public boolean isOnnx() {
        return ONNX.equals(backbone);
    }

    /**
     * Whether the card describes a network other software built (TorchScript or ONNX), known only by
     * the {@link #signature()} it declares, rather than one of deocc's backbones.
     */
    public boolean isForeign() {
        return isForeign(backbone);
    }

    private static boolean isForeign(String backbone) {
        return TORCHSCRIPT.equals(backbone) || ONNX.equals(backbone);
    }

    /**
     * A foreign card before its hash is filled in: the spec is derived from the signature's first input and
     * first output, with depth and width 1.
     *
     * @param backbone {@link #TORCHSCRIPT} or {@link #ONNX}
     */
    public static ModelCard unsavedForeign(String backbone, Stage stage, ModelSignature signature, int inputSize,
            int classes, Normalisation normalisation, Map<String, Object> trainingRecipe,
            Map<String, Double> benchMetrics, String createdBy) {
        DeoccException.checkArgument(isForeign(backbone), "backbone " + quote(backbone) + " is not foreign: give '"
                + TORCHSCRIPT + "' or '" + ONNX + "'");
        return new ModelCard(FORMAT_VERSION, stage, backbone, torchScriptSpec(signature), inputSize, classes,
                normalisation, trainingRecipe, benchMetrics, "", "", createdBy, signature);
    }

    /** Whether the card names a weights file and its hash. */
    public boolean isSaved() {
        return !weightsFile.isEmpty();
    }

    /**
     * Reads a card from JSON: unknown fields, missing fields and out-of-range values fail.
     *
     * @throws DeoccException {@code FILE_NOT_FOUND} when the file is absent, {@code MODEL_INVALID}
     *         naming the file and field otherwise
     */
    public static ModelCard read(Path file) {
        return ModelCardJson.read(file);
    }

    /** Parses card JSON; {@code source} names the origin in error messages. */
    public static ModelCard parse(String json, String source) {
        return ModelCardJson.parse(json, source);
    }

    /** The card as indented JSON. */
    public String toJson() {
        return ModelCardJson.write(this);
    }

    private static void checkRange(String field, int value, int min, int max) {
        DeoccException.checkArgument(value >= min && value <= max,
                "field '" + field + "' is " + value + ": give a value from " + min + " to " + max);
    }

    private static String weightsSuffix(String backbone) {
        return switch (backbone) {
            case TORCHSCRIPT -> TORCHSCRIPT_SUFFIX;
            case ONNX -> ONNX_SUFFIX;
            default -> PARAMS_SUFFIX;
        };
    }

    private static void checkSignature(String backbone, BackboneSpec spec, ModelSignature signature) {
        if (!isForeign(backbone)) {
            DeoccException.checkArgument(signature.isEmpty(), "field 'signature' is given for backbone '" + backbone
                    + "': only cards of foreign networks (backbone 'torchscript' or 'onnx') have one; remove it");
            return;
        }
        BackboneSpec primary = torchScriptSpec(signature);
        DeoccException.checkArgument(spec.inputChannels() == primary.inputChannels()
                        && spec.outputChannels() == primary.outputChannels(), "field 'spec' has input-channels "
                + spec.inputChannels() + " and output-channels " + spec.outputChannels() + " but the signature's first"
                + " input and output have " + primary.inputChannels() + " and " + primary.outputChannels()
                + ": make them agree, or leave 'spec' out of a TorchScript card");
    }

    private static String quote(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }

    private static Map<String, Double> copyMetrics(Map<String, Double> metrics) {
        DeoccException.checkArgument(metrics != null, "field 'bench-metrics' is missing: give an object, {} for none");
        DeoccException.checkArgument(metrics.size() <= MAX_ENTRIES, "field 'bench-metrics' has " + metrics.size()
                + " entries: give at most " + MAX_ENTRIES);
        Map<String, Double> copy = new TreeMap<>();
        metrics.forEach((name, value) -> {
            checkKey("bench-metrics", name);
            DeoccException.checkArgument(value != null && Double.isFinite(value), "field 'bench-metrics." + name
                    + "' is " + value + ": give a finite number");
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, Object> copyRecipe(Map<String, Object> recipe) {
        DeoccException.checkArgument(recipe != null, "field 'training-recipe' is missing: give an object, {} for none");
        return copyMap("training-recipe", recipe, 1);
    }

    private static Map<String, Object> copyMap(String path, Map<?, ?> map, int depth) {
        DeoccException.checkArgument(map.size() <= MAX_ENTRIES, "field '" + path + "' has " + map.size()
                + " entries: give at most " + MAX_ENTRIES);
        Map<String, Object> copy = new TreeMap<>();
        map.forEach((key, value) -> {
            DeoccException.checkArgument(key instanceof String, "field '" + path + "' has key " + key
                    + ": keys must be strings");
            String name = (String) key;
            checkKey(path, name);
            copy.put(name, copyValue(path + "." + name, value, depth));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(String path, Object value, int depth) {
        if (value instanceof String text) {
            DeoccException.checkArgument(text.length() <= MAX_TEXT_CHARS, "field '" + path + "' has "
                    + text.length() + " characters: give at most " + MAX_TEXT_CHARS);
            return text;
        }
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            DeoccException.checkArgument(Double.isFinite(number), "field '" + path + "' is " + number
                    + ": give a finite number");
            return number;
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            DeoccException.checkArgument(depth < MAX_RECIPE_DEPTH, "field '" + path + "' nests lists or objects deeper than "
                    + MAX_RECIPE_DEPTH + " levels: flatten the recipe");
            if (value instanceof Map<?, ?> map) {
                return copyMap(path, map, depth + 1);
            }
            List<?> list = (List<?>) value;
            DeoccException.checkArgument(list.size() <= MAX_ENTRIES, "field '" + path + "' has " + list.size()
                    + " items: give at most " + MAX_ENTRIES);
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(path + "[" + i + "]", list.get(i), depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw DeoccException.invalidArgument("field '" + path + "' is " + (value == null ? "null" : "a "
                + value.getClass().getSimpleName()) + ": give a string, boolean, integer, number, list or object");
    }

    private static void checkKey(String path, String key) {
        DeoccException.checkArgument(key != null && KEY.matcher(key).matches(), "field '" + path + "' has key "
                + (key == null ? "null" : "'" + key + "'") + ": give names of letters, digits, '.', '_', '/' or '-',"
                + " at most 64 characters");
    }
}
