package com.example.deocc.hull;

import static io.deocc.testkit.DeoccAssertions.assertDeoccError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the contract cannot know about this completer: its output, its setting and its declaration. */
class ConvexHullCompleterTest {
    private final ConvexHullCompleterFactory factory = new ConvexHullCompleterFactory();

    @Test
    void amodalIsTheVisibleMaskPlusItsHull() {
        Scene scene = SyntheticScenes.occludedPerson(7, 96, 96);
        try (MaskCompleter completer = factory.create(ComponentConfig.empty(), PluginContext.defaults())) {
            MaskCompletion masks = completer.complete(scene.image(), PersonInstance.of(1, scene.visible()));
            assertEquals(scene.visible(), masks.refinedVisible(), "the visible mask passes through unrefined");
            assertEquals(ConvexHull.of(scene.visible()), masks.amodal());
            assertTrue(masks.visibleParsing().isEmpty() && masks.amodalParsing().isEmpty(), "this completer makes no parsing");
        }
    }

    @Test
    void hiddenMiddleBetweenTwoVisiblePiecesBecomesInvisibleMask() {
        BinaryMask head = BinaryMask.ofBox(20, 30, new Box(8, 2, 4, 6));
        BinaryMask feet = BinaryMask.ofBox(20, 30, new Box(8, 20, 4, 6));
        RgbImage image = RgbImage.filled(20, 30, 0x808080);
        try (MaskCompleter completer = factory.create(ComponentConfig.empty(), PluginContext.defaults())) {
            MaskCompletion masks = completer.complete(image, PersonInstance.of(1, head.or(feet)));
            assertEquals(BinaryMask.ofBox(20, 30, new Box(8, 8, 4, 12)), masks.invisible());
        }
    }

    @Test
    void marginSettingGrowsTheAmodalMask() {
        BinaryMask dot = BinaryMask.ofBox(16, 16, new Box(7, 7, 1, 1));
        RgbImage image = RgbImage.filled(16, 16, 0);
        try (MaskCompleter completer = factory.create(ComponentConfig.of(Map.of("margin", "3")), PluginContext.defaults())) {
            MaskCompletion masks = completer.complete(image, PersonInstance.of(1, dot));
            assertEquals(BinaryMask.ofBox(16, 16, new Box(4, 4, 7, 7)), masks.amodal());
        }
    }

    @Test
    void badMarginValuesAreRejectedAsConfigErrors() {
        for (String bad : List.of("-1", "65", "three", "1.5")) {
            ComponentConfig config = ComponentConfig.of(Map.of("margin", bad));
            var error = assertDeoccError(ErrorCode.INVALID_CONFIG, () -> factory.create(config, PluginContext.defaults()).close(),
                    "margin '" + bad + "'");
            assertTrue(error.getMessage().contains("margin") && error.getMessage().contains(bad),
                    "the message must name the key and the value: " + error.getMessage());
        }
    }

    @Test
    void imageOverTheHostsLimitIsRejected() {
        PluginContext tight = PluginContext.of(ResourceLimits.defaults().withMaxImagePixels(100));
        RgbImage image = RgbImage.filled(20, 20, 0);
        try (MaskCompleter completer = factory.create(ComponentConfig.empty(), tight)) {
            assertDeoccError(ErrorCode.IMAGE_TOO_LARGE,
                    () -> completer.complete(image, PersonInstance.of(1, BinaryMask.ofBox(20, 20, new Box(5, 5, 3, 3)))),
                    "a 400-pixel image under a 100-pixel limit");
        }
    }

    @Test
    void pluginIsDeclaredForTheModulePathAndTheClassPath() throws IOException {
        Module module = ConvexHullPlugin.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path, inside the plugin's module");
        ModuleDescriptor.Provides provides = module.getDescriptor().provides().stream()
                .filter(p -> p.service().equals(DeoccPlugin.class.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("module-info.java lacks 'provides io.deocc.api.spi.DeoccPlugin'"));
        assertEquals(List.of(ConvexHullPlugin.class.getName()), provides.providers());

        try (InputStream in = module.getResourceAsStream("META-INF/services/" + DeoccPlugin.class.getName())) {
            assertTrue(in != null, "META-INF/services/io.deocc.api.spi.DeoccPlugin is missing");
            assertEquals(ConvexHullPlugin.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    @Test
    void pluginOffersExactlyTheConvexHullCompleter() {
        DeoccPlugin plugin = new ConvexHullPlugin();
        assertEquals(List.of("convex-hull"), plugin.maskCompleters().stream().map(f -> f.name()).toList());
        assertTrue(plugin.segmenters().isEmpty() && plugin.contentRecoverers().isEmpty());
    }
}
