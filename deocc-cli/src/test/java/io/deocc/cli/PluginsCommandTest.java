package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.cli.CliHarness.Outcome;
import io.deocc.runtime.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void listsTheReferenceComponentsWithTheirDefaults() {
        Outcome outcome = run(dir, "plugins");

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertEquals("", outcome.err());
        String text = outcome.out();
        for (String expected : List.of("segmenters", "mask completers", "content recoverers", "mask-file", "coco-json", "module io.deocc.mask",
                "module io.deocc.content")) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
        }
        // Every stage has exactly one default, marked with '*'.
        assertEquals(3, text.lines().filter(l -> l.startsWith("* ")).count(), text);
    }

    @Test
    void jsonListsEveryStageWithDescriptorsAndOneDefault() throws IOException {
        Outcome outcome = run(dir, "plugins", "--json");

        assertEquals(0, outcome.exitCode(), outcome::toString);
        JsonNode root = JSON.readTree(outcome.out());
        assertTrue(names(root.get("stages").get("segmenter")).containsAll(List.of("mask-file", "coco-json")), outcome.out());
        assertTrue(names(root.get("stages").get("mask-completer")).contains("reference"), outcome.out());
        assertTrue(names(root.get("stages").get("content-recoverer")).contains("reference"), outcome.out());
        for (JsonNode stage : root.get("stages")) {
            int defaults = 0;
            for (JsonNode component : stage.get("components")) {
                for (String field : List.of("name", "plugin", "origin", "engine", "backbone", "inputSize", "threadSafe", "capabilities",
                        "description")) {
                    assertTrue(component.has(field), "component lacks '" + field + "': " + component);
                }
                if (component.get("default").asBoolean()) {
                    defaults++;
                    assertEquals(stage.get("default").asText(), component.get("name").asText());
                }
            }
            assertEquals(1, defaults, stage.toString());
        }
        List<String> plugins = new ArrayList<>();
        root.get("plugins").forEach(p -> plugins.add(p.get("origin").asText()));
        assertTrue(plugins.containsAll(List.of("module io.deocc.mask", "module io.deocc.content")), plugins.toString());
        assertEquals(0, root.get("problems").size());
    }

    @Test
    void aBrokenPluginIsListedAndGivesExitOne() {
        DeoccPlugin broken = () -> {
            throw new IllegalStateException("cannot find my model");
        };

        Outcome outcome = run(dir, () -> PluginRegistry.of(List.of(new FakePlugin(), broken)), "plugins");

        assertEquals(1, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.out().contains("problems:") && outcome.out().contains("cannot find my model"), outcome::toString);
        assertTrue(outcome.out().contains("halves"), outcome::toString);
        assertEquals(1, outcome.errLines().size(), outcome::toString);
        assertTrue(outcome.err().startsWith("deocc: 1 plugin(s) failed to load"), outcome::toString);
    }

    @Test
    void emptyStagesAreShownAsNoneInstalled() throws IOException {
        Outcome text = run(dir, () -> PluginRegistry.of(List.of()), "plugins");
        Outcome json = run(dir, () -> PluginRegistry.of(List.of()), "plugins", "--json");

        assertEquals(0, text.exitCode(), text::toString);
        assertEquals(3, text.out().lines().filter(l -> l.contains("(none installed)")).count(), text::toString);
        assertTrue(JSON.readTree(json.out()).get("stages").get("segmenter").get("default").isNull());
    }

    private static List<String> names(JsonNode stage) {
        List<String> names = new ArrayList<>();
        stage.get("components").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }
}
