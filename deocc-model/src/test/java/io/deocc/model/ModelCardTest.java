package io.deocc.model;

import io.deocc.api.network.Normalisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCardTest {
    private static final String SHA = "0123456789abcdef".repeat(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ModelCard card() {
        Map<String, Object> recipe = Map.of(
                "steps", 2000, "batch", 8, "lr", 1e-3,
                "loss", Map.of("bce", 1.0, "dice", 0.5),
                "data", Map.of("preset", "synthetic-small", "seed", 42L),
                "augment", List.of("flip", "scale"), "amp", false);
        return ModelCard.unsaved(Stage.MASK_COMPLETION, "unet", new BackboneSpec(4, 2, 3, 2), 64, 20,
                Normalisation.perChannel(List.of(0.5, 0.5, 0.5, 0.0), List.of(0.25, 0.25, 0.25, 1.0)),
                recipe, Map.of("amodal-miou", 0.81, "invisible-miou", 0.42), "deocc 0.1.0")
                .withWeights("mask.params", SHA);
    }

    @Test
    void jsonRoundTripKeepsEveryField() throws IOException {
        ModelCard card = card();
        String json = card.toJson();
        assertEquals(card, ModelCard.parse(json, "memory"));
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        assertEquals("mask-completion", tree.get("stage").asText());
        assertEquals(2, tree.get("spec").get("width").asInt());
        assertEquals(SHA, tree.get("weights-sha256").asText());
        assertEquals(42L, ((Map<?, ?>) card.trainingRecipe().get("data")).get("seed"),
                "integers are kept as Long");

        ModelCard unit = new ModelCard(1, Stage.CONTENT_RECOVERY, "unet", card.spec(), 64, 3, Normalisation.UNIT,
                Map.of(), Map.of(), "mask.params", SHA, "deocc");
        assertEquals("unit", JSON.readTree(unit.toJson()).get("normalisation").asText());
        assertEquals(unit, ModelCard.parse(unit.toJson(), "memory"));
    }

    @Test
    void readAndWriteThroughAFile() throws IOException {
        Path file = dir.resolve("m.card.json");
        Files.writeString(file, card().toJson());
        assertEquals(card(), ModelCard.read(file));
    }

    @Test
    void mapsAreCopiedAndImmutable() {
        Map<String, Double> metrics = new HashMap<>(Map.of("a", 1.0));
        List<Object> terms = new ArrayList<>(List.of("bce"));
        ModelCard card = ModelCard.unsaved(Stage.SEGMENTATION, "unet", new BackboneSpec(3, 20, 2, 1), 32, 20,
                Normalisation.UNIT, Map.of("terms", terms), metrics, "deocc");
        metrics.put("b", 2.0);
        terms.add("dice");
        assertEquals(Map.of("a", 1.0), card.benchMetrics());
        assertEquals(List.of("bce"), card.trainingRecipe().get("terms"));
        assertThrows(UnsupportedOperationException.class, () -> card.benchMetrics().put("c", 3.0));
        assertEquals(false, card.isSaved());
    }

    @Test
    void malformedJsonNamesTheSource() {
        DeoccException e = parseFails("{\"format-version\": 1,", "broken.card.json");
        assertTrue(e.getMessage().contains("broken.card.json"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertTrue(parseFails("[1, 2]", "x").getMessage().contains("not a JSON object"));
        assertTrue(parseFails(card().toJson() + "{}", "x").getMessage().contains("more JSON"));
        DeoccException duplicate = parseFails("{\"stage\": \"segmentation\", \"stage\": \"segmentation\"}", "x");
        assertTrue(duplicate.getMessage().contains("stage"), duplicate.getMessage());
    }

    @Test
    void unknownFieldsAreRejectedByName() {
        DeoccException top = editFails(tree -> tree.put("colour", "blue"));
        assertTrue(top.getMessage().contains("unknown field 'colour'"), top.getMessage());
        assertTrue(top.getMessage().contains("weights-sha256"), "lists the known fields: " + top.getMessage());
        DeoccException nested = editFails(tree -> ((ObjectNode) tree.get("spec")).put("height", 3));
        assertTrue(nested.getMessage().contains("'spec.height'"), nested.getMessage());
        assertTrue(nested.getMessage().contains("input-channels"), nested.getMessage());
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({"format-version", "stage", "backbone", "spec", "input-size", "classes", "normalisation",
            "training-recipe", "bench-metrics", "weights-file", "weights-sha256", "created-by"})
    void everyMissingFieldIsNamed(String field) {
        DeoccException e = editFails(tree -> tree.remove(field));
        assertTrue(e.getMessage().contains("'" + field + "' is missing"), e.getMessage());
    }

    @Test
    void aMissingSpecFieldIsNamedWithItsPath() {
        DeoccException e = editFails(tree -> ((ObjectNode) tree.get("spec")).remove("depth"));
        assertTrue(e.getMessage().contains("'spec.depth' is missing"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "input-size|0|'input-size' is 0: give a value from 1 to 4096",
        "input-size|100000|'input-size' is 100000",
        "classes|-2|'classes' is -2: give a value from 1 to 1024",
        "classes|\"two\"|'classes' is \"two\": give a whole number",
        "format-version|2|'format-version' is 2",
        "stage|\"painting\"|[segmentation, mask-completion, content-recovery]",
        "backbone|\"U Net\"|'backbone' is 'U Net'",
        "weights-sha256|\"xyz\"|'weights-sha256' is 'xyz'",
        "weights-file|\"../mask.params\"|'weights-file' is '../mask.params'",
        "weights-file|\"\"|'weights-file' ('') and 'weights-sha256'",
        "created-by|\"  \"|'created-by'",
        "bench-metrics|{\"miou\": \"high\"}|'bench-metrics.miou' is \"high\"",
        "bench-metrics|[]|'bench-metrics' is array",
        "training-recipe|{\"lr\": null}|'training-recipe.lr' is null",
        "training-recipe|{\"a\": {\"b\": {\"c\": {\"d\": 1}}}}|nests lists or objects deeper than 3",
        "normalisation|\"none\"|'normalisation' is \"none\"",
        "normalisation|{\"mean\": [0.5], \"std\": [0.5]}|covers 1 channels but the spec has 4 input channels",
        "normalisation|{\"mean\": [0, 0, 0, 0], \"std\": [1, 1, 0, 1]}|'normalisation.std' [2] is 0.0",
        "normalisation|{\"mean\": [0.5], \"std\": []}|1 means but 0 standard deviations",
        "spec|{\"input-channels\": 4, \"output-channels\": 2, \"depth\": 3, \"width\": 99}|backbone width 99",
        "spec|{\"input-channels\": 4, \"output-channels\": 2, \"depth\": 3.5, \"width\": 2}|'spec.depth' is 3.5",
    })
    void absurdValuesNameTheFieldAndTheFix(String field, String value, String expected) throws IOException {
        var node = JSON.readTree(value);
        DeoccException e = editFails(tree -> tree.set(field, node));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("m.card.json"), "names the file: " + e.getMessage());
    }

    @Test
    void fileProblems() throws IOException {
        DeoccException missing = assertThrows(DeoccException.class, () -> ModelCard.read(dir.resolve("none.card.json")));
        assertEquals(ErrorCode.FILE_NOT_FOUND, missing.errorCode());
        Path huge = dir.resolve("huge.card.json");
        Files.write(huge, new byte[(int) ModelCardJson.MAX_CARD_BYTES + 1]);
        DeoccException tooLarge = assertThrows(DeoccException.class, () -> ModelCard.read(huge));
        assertEquals(ErrorCode.MODEL_INVALID, tooLarge.errorCode());
        assertTrue(tooLarge.getMessage().contains("limit"), tooLarge.getMessage());
    }

    @Test
    void theConstructorValidatesDirectCallsToo() {
        ModelCard card = card();
        DeoccException stage = assertThrows(DeoccException.class, () -> new ModelCard(1, null, "unet", card.spec(),
                64, 2, Normalisation.UNIT, Map.of(), Map.of(), "", "", "deocc"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, stage.errorCode());
        assertTrue(stage.getMessage().contains("mask-completion"), stage.getMessage());
        DeoccException recipe = assertThrows(DeoccException.class, () -> ModelCard.unsaved(Stage.SEGMENTATION, "unet",
                card.spec(), 64, 2, Normalisation.UNIT, Map.of("when", new Object()), Map.of(), "deocc"));
        assertTrue(recipe.getMessage().contains("'training-recipe.when'"), recipe.getMessage());
        DeoccException metric = assertThrows(DeoccException.class, () -> ModelCard.unsaved(Stage.SEGMENTATION, "unet",
                card.spec(), 64, 2, Normalisation.UNIT, Map.of(), Map.of("miou", Double.NaN), "deocc"));
        assertTrue(metric.getMessage().contains("'bench-metrics.miou' is NaN"), metric.getMessage());
        assertThrows(DeoccException.class, () -> Normalisation.perChannel(List.of(), List.of()));
    }

    private static DeoccException parseFails(String json, String source) {
        DeoccException e = assertThrows(DeoccException.class, () -> ModelCard.parse(json, source));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode(), e.getMessage());
        return e;
    }

    private DeoccException editFails(Consumer<ObjectNode> edit) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(card().toJson());
            edit.accept(tree);
            Path file = dir.resolve("m.card.json");
            Files.writeString(file, JSON.writeValueAsString(tree));
            DeoccException e = assertThrows(DeoccException.class, () -> ModelCard.read(file));
            assertEquals(ErrorCode.MODEL_INVALID, e.errorCode(), e.getMessage());
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
