package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TorchScript models a user brings (the fixtures built by {@code make_models.py} with PyTorch) run through
 * the engine's own SPI components, chosen by nothing but the card's path; a card that declares another
 * signature than the stage's fails with both signatures named.
 */
class TorchScriptComponentsTest {
    @TempDir
    Path dir;

    @Test
    void aTorchScriptMaskModelRunsAsTheMaskCompleter() throws IOException {
        Scene scene = SyntheticScenes.occludedPeople(4L, 1, 96, 80).get(0);
        try (MaskCompleter completer = new DjlMaskCompleterFactory().create(settings("mask"), PluginContext.defaults())) {
            assertEquals("torchscript", completer.descriptor().backbone());
            MaskCompletion masks = completer.complete(scene.image(), PersonInstance.of(1, scene.visible()));
            assertTrue(masks.amodal().containsAll(scene.visible()));
            assertEquals(scene.visible(), masks.refinedVisible(), "a one-output network keeps the input mask");
        }
    }

    @Test
    void aTorchScriptContentModelRunsAsTheRecovererAndKeepsVisiblePixels() throws IOException {
        Scene scene = SyntheticScenes.occludedPeople(5L, 1, 96, 80).get(0);
        MaskCompletion masks = new MaskCompletion(scene.visible(), scene.amodal());
        try (ContentRecoverer recoverer = new DjlContentRecovererFactory().create(settings("content"), PluginContext.defaults())) {
            ContentRecovery recovery = recoverer.recover(scene.image(), PersonInstance.of(1, scene.visible()), masks);
            int[] before = scene.image().toArray();
            int[] after = recovery.composite().toArray();
            int changed = 0;
            for (int i = 0; i < before.length; i++) {
                if (masks.invisible().get(i)) {
                    changed += before[i] != after[i] ? 1 : 0;
                } else {
                    assertEquals(before[i], after[i], "pixel " + i + " outside the hidden region");
                }
            }
            assertNotEquals(0, changed, "the network painted the hidden region");
        }
    }

    @Test
    void aTorchScriptCardForAnotherSignatureFailsNamingBoth() throws IOException {
        // the mask fixture declares RGB + mask in; the content recoverer feeds image_and_masks
        DeoccException e = assertThrows(DeoccException.class,
                () -> new DjlContentRecovererFactory().create(settings("mask"), PluginContext.defaults()).close());
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode(), e.getMessage());
    }

    private ComponentConfig settings(String fixture) throws IOException {
        copy(fixture + ModelFiles.CARD_SUFFIX);
        copy(fixture + ".pt");
        return ComponentConfig.of(Map.of("model", dir.resolve(fixture + ModelFiles.CARD_SUFFIX).toString(), "threads", "2"));
    }

    private void copy(String name) throws IOException {
        try (InputStream in = ModelFiles.class.getResourceAsStream("torchscript/" + name)) {
            assertTrue(in != null, "fixture " + name + " is on the test class path");
            Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
