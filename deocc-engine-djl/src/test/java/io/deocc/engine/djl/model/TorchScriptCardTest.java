package io.deocc.engine.djl.model;

import io.deocc.model.ModelCard;
import io.deocc.model.ModelSignature;
import io.deocc.model.TensorSignature;
import io.deocc.model.BackboneSpec;
import io.deocc.api.network.Normalisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Stage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TorchScriptCardTest {
    private static final String SHA = "89abcdef01234567".repeat(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSignature SIGNATURE = new ModelSignature(
            List.of(new TensorSignature("image_and_visible", 4), new TensorSignature("parsing", 20)),
            List.of(new TensorSignature("amodal_logits", 1), new TensorSignature("amodal_parsing", 20)));

    private static ModelCard card() {
        return ModelCard.unsavedTorchScript(Stage.MASK_COMPLETION, SIGNATURE, 64, 2, Normalisation.UNIT,
                Map.of("source", "user"), Map.of(), "someone's exporter").withWeights("mine.pt", SHA);
    }

    @Test
    void aTorchScriptCardRoundTripsWithItsSignature() throws IOException {
        ModelCard card = card();
        assertTrue(card.isTorchScript());
        assertEquals(new BackboneSpec(4, 1, 1, 1), card.spec(), "derived from the first input and first output");
        String json = card.toJson();
        assertEquals(card, ModelCard.parse(json, "memory"));
        JsonNode signature = JSON.readTree(json).get("signature");
        assertEquals("image_and_visible", signature.get("inputs").get(0).get("name").asText());
        assertEquals(20, signature.get("outputs").get(1).get("channels").asInt());
        assertEquals("inputs [image_and_visible: 4 channels, parsing: 20 channels] -> outputs [amodal_logits:"
                + " 1 channel, amodal_parsing: 20 channels]", card.signature().toString());
    }

    @Test
    void nativeCardsHaveNoSignatureInTheirJson() throws IOException {
        ModelCard card = ModelCard.unsaved(Stage.MASK_COMPLETION, "unet", new BackboneSpec(4, 1, 2, 1), 32, 2,
                Normalisation.UNIT, Map.of(), Map.of(), "deocc").withWeights("m.params", SHA);
        assertEquals(ModelSignature.NONE, card.signature());
        assertFalse(card.isTorchScript());
        assertFalse(JSON.readTree(card.toJson()).has("signature"), "native cards keep their old JSON");
        assertEquals(card, ModelCard.parse(card.toJson(), "memory"));
    }

    @Test
    void theSpecMayBeLeftOutOfATorchScriptCard() {
        ModelCard parsed = parse(tree -> tree.remove("spec"));
        assertEquals(new BackboneSpec(4, 1, 1, 1), parsed.spec());
        assertEquals(card(), parsed);
    }

    @Test
    void theFixtureCardsParse() throws IOException {
        try (var in = TorchScriptCardTest.class.getResourceAsStream("torchscript/mask.card.json")) {
            assertTrue(in != null, "the fixture card is on the test class path");
            ModelCard card = ModelCard.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "mask.card.json");
            assertEquals("mask.pt", card.weightsFile());
            assertEquals(ModelSignature.of(new TensorSignature("image_and_visible", 4),
                    new TensorSignature("amodal_logits", 1)), card.signature());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no signature|signature|null|needs field 'signature'",
        "dotted name|signature.inputs.0.name|\"image.visible\"|'signature.inputs[0]': tensor name 'image.visible'",
        "zero channels|signature.outputs.0.channels|0|'signature.outputs[0]': tensor 'amodal_logits' has 0 channels",
        "text channels|signature.outputs.0.channels|\"one\"|'signature.outputs[0].channels' is \"one\"",
        "empty inputs|signature.inputs|[]|'signature.inputs' is array",
        "inputs not a list|signature.inputs|{}|'signature.inputs' is object",
        "duplicate name|signature.inputs.1.name|\"image_and_visible\"|names 'image_and_visible' twice",
        "unknown tensor field|signature.inputs.0.shape|[1, 4]|unknown field 'signature.inputs[0].shape'",
        "unknown signature field|signature.batch|1|unknown field 'signature.batch'",
        "params weights|weights-file|\"mine.params\"|needs a .pt file",
        "spec disagrees|spec.input-channels|3|the signature's first input and output have 4 and 1",
    })
    void badSignaturesNameTheFieldAndTheFix(String what, String path, String value, String expected)
            throws IOException {
        JsonNode node = JSON.readTree(value);
        DeoccException e = parseFails(tree -> set(tree, path, node));
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
    }

    @Test
    void aSignatureOnANativeCardIsRejected() {
        DeoccException e = parseFails(tree -> {
            tree.put("backbone", "unet");
            tree.put("weights-file", "mine.params");
        });
        assertTrue(e.getMessage().contains("only cards of foreign networks (backbone 'torchscript' or 'onnx')"), e.getMessage());
        DeoccException pt = parseFails(tree -> {
            tree.put("backbone", "unet");
            tree.remove("signature");
        });
        assertTrue(pt.getMessage().contains("needs a .params file"), pt.getMessage());
    }

    @Test
    void tooManyTensorsAreRejected() {
        DeoccException e = parseFails(tree -> {
            ArrayNode inputs = (ArrayNode) tree.get("signature").get("inputs");
            for (int i = 0; i < ModelSignature.MAX_TENSORS; i++) {
                inputs.addObject().put("name", "extra_" + i).put("channels", 1);
            }
        });
        assertTrue(e.getMessage().contains("at most " + ModelSignature.MAX_TENSORS), e.getMessage());
    }

    @Test
    void signaturesValidateDirectCallsToo() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                () -> new ModelSignature(Arrays.asList(new TensorSignature("a", 1), null), List.of())).errorCode());
        assertThrows(DeoccException.class, () -> new ModelSignature(List.of(new TensorSignature("a", 1)), List.of()));
        assertThrows(DeoccException.class, () -> ModelSignature.of(List.of(), List.of()));
        assertThrows(DeoccException.class, () -> new TensorSignature(null, 1));
        assertThrows(DeoccException.class, () -> new TensorSignature("x", BackboneSpec.MAX_CHANNELS + 1));
        DeoccException none = assertThrows(DeoccException.class, () -> ModelCard.unsavedTorchScript(
                Stage.MASK_COMPLETION, ModelSignature.NONE, 64, 2, Normalisation.UNIT, Map.of(), Map.of(), "x"));
        assertTrue(none.getMessage().contains("needs field 'signature'"), none.getMessage());
        DeoccException onNative = assertThrows(DeoccException.class, () -> card().withBackbone("unet"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, onNative.errorCode());
    }

    @Test
    void expectedModelsStateClearlyWhatTheyTake() {
        assertFalse(ExpectedModel.nativeOnly("unet").acceptsTorchScript());
        assertTrue(ExpectedModel.nativeOrTorchScript("unet", SIGNATURE).acceptsTorchScript());
        assertTrue(ExpectedModel.anyTorchScript().acceptsTorchScript());
        assertTrue(ExpectedModel.nativeOnly(ModelCard.TORCHSCRIPT).acceptsTorchScript(),
                "asking for backbone 'torchscript' by name takes any TorchScript card");
        assertThrows(DeoccException.class, () -> ExpectedModel.nativeOrTorchScript("unet", ModelSignature.NONE));
        assertThrows(DeoccException.class, () -> ExpectedModel.nativeOrTorchScript("torchscript", SIGNATURE));
        assertThrows(DeoccException.class, () -> ExpectedModel.nativeOnly("U Net"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                () -> new ExpectedModel("unet", null)).errorCode());
    }

    /** Sets {@code a.b.0.c} in the card's JSON tree; numeric steps index arrays, a JSON null removes the field. */
    private static void set(ObjectNode tree, String path, JsonNode value) {
        String[] steps = path.split("\\.");
        JsonNode parent = tree;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].matches("\\d+") ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else if (value.isNull()) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static ModelCard parse(Consumer<ObjectNode> edit) {
        return ModelCard.parse(edited(edit), "mine.card.json");
    }

    private static DeoccException parseFails(Consumer<ObjectNode> edit) {
        String json = edited(edit);
        DeoccException e = assertThrows(DeoccException.class, () -> ModelCard.parse(json, "mine.card.json"));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains("mine.card.json"), "names the card: " + e.getMessage());
        return e;
    }

    private static String edited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(card().toJson());
            edit.accept(tree);
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
