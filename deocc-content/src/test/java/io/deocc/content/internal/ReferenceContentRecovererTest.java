package io.deocc.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceContentRecovererTest {
    private static final int SIZE = 24;
    private static final int BACKGROUND = 0x20A020;
    private static final int OCCLUDER = 0xE0E000;
    private static final int SHIRT = 0xC02020;
    private static final int TROUSERS = 0x2020C0;
    private static final int SKIN = 0xE0AC83;

    private static ContentRecoverer recoverer(Map<String, String> settings) {
        return new ReferenceContentRecovererFactory().create(ComponentConfig.of(settings), PluginContext.defaults());
    }

    private static ContentRecoverer recoverer() {
        return recoverer(Map.of());
    }

    /** A hand-drawn scene: the colour and the LIP label at each pixel, plus the occluder. */
    private static final class Drawing {
        final int[] rgb = new int[SIZE * SIZE];
        final byte[] labels = new byte[SIZE * SIZE];
        final boolean[] occluded = new boolean[SIZE * SIZE];

        Drawing() {
            java.util.Arrays.fill(rgb, BACKGROUND);
        }

        Drawing part(LipClass part, int colour, int x0, int y0, int x1, int y1) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    rgb[y * SIZE + x] = colour;
                    labels[y * SIZE + x] = (byte) part.label();
                }
            }
            return this;
        }

        Drawing occluder(int x0, int y0, int x1, int y1) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    occluded[y * SIZE + x] = true;
                }
            }
            return this;
        }

        RgbImage image() {
            int[] out = rgb.clone();
            for (int i = 0; i < out.length; i++) {
                if (occluded[i]) {
                    out[i] = OCCLUDER;
                }
            }
            return RgbImage.of(SIZE, SIZE, out);
        }

        BinaryMask amodal() {
            return BinaryMask.fromIndex(SIZE, SIZE, i -> labels[i] != 0);
        }

        BinaryMask visible() {
            return BinaryMask.fromIndex(SIZE, SIZE, i -> labels[i] != 0 && !occluded[i]);
        }

        ParsingMap parsing() {
            return ParsingMap.of(SIZE, SIZE, labels);
        }

        MaskCompletion masks(boolean withParsing) {
            return withParsing
                    ? new MaskCompletion(visible(), amodal(), Optional.empty(), Optional.of(parsing()))
                    : new MaskCompletion(visible(), amodal());
        }

        PersonInstance person() {
            return PersonInstance.of(1, visible());
        }
    }

    /** Shirt over trousers; a band hides the bottom of the shirt and the top of the trousers. */
    private static Drawing shirtAndTrousers() {
        return new Drawing()
                .part(LipClass.UPPER_CLOTHES, SHIRT, 6, 2, 17, 11)
                .part(LipClass.PANTS, TROUSERS, 6, 12, 17, 21)
                .occluder(0, 8, SIZE - 1, 15);
    }

    @Test
    void descriptorSaysWhatTheRecovererIs() {
        ComponentDescriptor descriptor = new ReferenceContentRecovererFactory().descriptor();
        assertEquals("reference", descriptor.name());
        assertEquals(Stage.CONTENT_RECOVERY, descriptor.stage());
        assertEquals("java", descriptor.engine());
        assertEquals("exemplar-inpainting", descriptor.backbone());
        assertTrue(descriptor.threadSafe());
        assertEquals(0, descriptor.inputSize());
    }

    @ParameterizedTest
    @CsvSource({"patch-size, 8", "patch-size, 1", "patch-size, 17", "patch-size, seven", "search-radius, 0",
        "max-candidates, 0", "max-candidates, 100001", "use-parsing, maybe"})
    void badSettingsAreRejected(String key, String value) {
        DeoccException e = assertThrows(DeoccException.class, () -> recoverer(Map.of(key, value)));
        assertEquals(ErrorCode.INVALID_CONFIG, e.errorCode());
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void validSettingsAreAccepted() {
        Drawing drawing = shirtAndTrousers();
        try (ContentRecoverer recoverer = recoverer(Map.of("patch-size", "3", "search-radius", "5", "max-candidates", "7", "use-parsing", "false"))) {
            ContentRecovery recovery = recoverer.recover(drawing.image(), drawing.person(), drawing.masks(true));
            assertHiddenPixelsUseVisibleColours(drawing.image(), drawing.masks(true), recovery.composite());
        }
    }

    @Test
    void emptyHiddenRegionReturnsTheInputUnchanged() {
        Drawing drawing = new Drawing().part(LipClass.UPPER_CLOTHES, SHIRT, 6, 2, 17, 11);
        try (ContentRecoverer recoverer = recoverer()) {
            ContentRecovery recovery = recoverer.recover(drawing.image(), drawing.person(), drawing.masks(false));
            assertEquals(drawing.image(), recovery.composite());
        }
    }

    @Test
    void partsGuideTheSourcesWhenParsingIsGiven() {
        Drawing drawing = shirtAndTrousers();
        try (ContentRecoverer recoverer = recoverer()) {
            int[] out = recoverer.recover(drawing.image(), drawing.person(), drawing.masks(true)).composite().toArray();
            for (int y = 8; y <= 15; y++) {
                for (int x = 6; x <= 17; x++) {
                    int expected = y <= 11 ? SHIRT : TROUSERS;
                    assertEquals(expected, out[y * SIZE + x], "hidden pixel (" + x + ", " + y + ") must take its own part's colour");
                }
            }
        }
    }

    @Test
    void hiddenPartWithoutVisiblePixelsCopiesItsMirrorTwin() {
        // Right arm visible on the image's left, torso in the middle, the left arm (image right) fully hidden.
        // The arms do not touch the torso, so the hidden arm is also a piece with no visible neighbour.
        Drawing drawing = new Drawing()
                .part(LipClass.RIGHT_ARM, SKIN, 2, 4, 5, 19)
                .part(LipClass.UPPER_CLOTHES, SHIRT, 8, 2, 15, 21)
                .part(LipClass.LEFT_ARM, SKIN, 18, 4, 21, 19)
                .occluder(17, 0, SIZE - 1, SIZE - 1);
        try (ContentRecoverer recoverer = recoverer()) {
            int[] out = recoverer.recover(drawing.image(), drawing.person(), drawing.masks(true)).composite().toArray();
            for (int y = 4; y <= 19; y++) {
                for (int x = 18; x <= 21; x++) {
                    assertEquals(SKIN, out[y * SIZE + x], "hidden left-arm pixel (" + x + ", " + y + ") must copy the visible right arm");
                }
            }
        }
    }

    @Test
    void personParsingServesAsVisibleParsing() {
        Drawing drawing = shirtAndTrousers();
        // The visible parts come from the segmenter's parsing; the amodal parsing is given for the hidden pixels only.
        byte[] hiddenOnly = drawing.parsing().toArray();
        BinaryMask visible = drawing.visible();
        byte[] visibleOnly = new byte[hiddenOnly.length];
        for (int i = 0; i < hiddenOnly.length; i++) {
            if (visible.get(i)) {
                visibleOnly[i] = hiddenOnly[i];
            }
        }
        PersonInstance person = new PersonInstance(1, visible, visible.boundingBox().orElseThrow(), 1.0,
                Optional.of(ParsingMap.of(SIZE, SIZE, visibleOnly)));
        MaskCompletion masks = new MaskCompletion(visible, drawing.amodal(), Optional.empty(), Optional.of(drawing.parsing()));
        try (ContentRecoverer recoverer = recoverer()) {
            int[] out = recoverer.recover(drawing.image(), person, masks).composite().toArray();
            assertEquals(SHIRT, out[11 * SIZE + 10]);
            assertEquals(TROUSERS, out[12 * SIZE + 10]);
        }
    }

    @Test
    void hiddenPixelsTakeOnlyColoursOfThePersonsVisiblePixels() {
        try (ContentRecoverer recoverer = recoverer()) {
            for (Scene scene : SyntheticScenes.occludedPeople(11, 4, 96, 96)) {
                MaskCompletion masks = new MaskCompletion(scene.visible(), scene.amodal());
                ContentRecovery recovery = recoverer.recover(scene.image(), PersonInstance.of(1, scene.visible()), masks);
                assertHiddenPixelsUseVisibleColours(scene.image(), masks, recovery.composite());
            }
        }
    }

    @Test
    void noRefinedVisiblePixelsFallsBackToTheMeanColourOfTheSegmentedMask() {
        int[] rgb = new int[SIZE * SIZE];
        java.util.Arrays.fill(rgb, BACKGROUND);
        rgb[0] = 0x000000;
        rgb[1] = 0x0A1420;
        BinaryMask segmented = BinaryMask.fromIndex(SIZE, SIZE, i -> i < 2);
        BinaryMask amodal = BinaryMask.fromIndex(SIZE, SIZE, i -> i % SIZE >= 10 && i / SIZE >= 10);
        MaskCompletion masks = new MaskCompletion(BinaryMask.fromIndex(SIZE, SIZE, i -> false), amodal);
        try (ContentRecoverer recoverer = recoverer()) {
            int[] out = recoverer.recover(RgbImage.of(SIZE, SIZE, rgb), PersonInstance.of(1, segmented), masks).composite().toArray();
            for (int i = 0; i < out.length; i++) {
                assertEquals(amodal.get(i) ? 0x050A10 : rgb[i], out[i], "pixel " + i);
            }
        }
    }

    @Test
    void imageOverTheContextLimitIsRejected() {
        Drawing drawing = shirtAndTrousers();
        PluginContext small = PluginContext.of(ResourceLimits.defaults().withMaxImagePixels(100));
        try (ContentRecoverer recoverer = new ReferenceContentRecovererFactory().create(ComponentConfig.empty(), small)) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> recoverer.recover(drawing.image(), drawing.person(), drawing.masks(false)));
            assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.errorCode());
        }
    }

    @Test
    void maskSizeMismatchNamesBothSizes() {
        Drawing drawing = shirtAndTrousers();
        RgbImage smaller = RgbImage.filled(SIZE - 1, SIZE, BACKGROUND);
        try (ContentRecoverer recoverer = recoverer()) {
            DeoccException e = assertThrows(DeoccException.class, () -> recoverer.recover(smaller, drawing.person(), drawing.masks(false)));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertTrue(e.getMessage().contains("23x24") && e.getMessage().contains("24x24"), e.getMessage());
        }
    }

    private static void assertHiddenPixelsUseVisibleColours(RgbImage image, MaskCompletion masks, RgbImage composite) {
        int[] in = image.toArray();
        int[] out = composite.toArray();
        Set<Integer> visibleColours = new HashSet<>();
        for (int i = 0; i < in.length; i++) {
            if (masks.refinedVisible().get(i)) {
                visibleColours.add(in[i]);
            }
        }
        BinaryMask hidden = masks.invisible();
        assertFalse(hidden.isEmpty(), "the test needs a hidden region");
        for (int i = 0; i < out.length; i++) {
            if (hidden.get(i) && !visibleColours.contains(out[i])) {
                fail(String.format("hidden pixel (%d, %d) is #%06X, a colour no visible pixel of the person has", i % image.width(),
                        i / image.width(), out[i]));
            }
        }
    }
}
