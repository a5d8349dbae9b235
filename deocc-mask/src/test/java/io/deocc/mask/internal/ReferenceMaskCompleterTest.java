package io.deocc.mask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.mask.pose.PoseMaskBank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ReferenceMaskCompleterTest {
    private static final int WIDTH = 100;
    private static final int HEIGHT = 160;
    private static final int BACKGROUND = 0x707070;
    private static final int WALL = 0xD02020;
    /** Rows from here down are covered by the wall. */
    private static final int WALL_TOP = 100;

    @TempDir
    Path dir;

    /**
     * A "person" shaped like the one-template bank below: a 30x30 block on a 10 px wide bar, 120 px
     * tall in all, whose lowest 30 px stand behind a red wall on a plain grey background.
     */
    private static BinaryMask wholeFigure() {
        return BinaryMask.ofBox(WIDTH, HEIGHT, new Box(35, 10, 30, 30)).or(BinaryMask.ofBox(WIDTH, HEIGHT, new Box(45, 40, 10, 90)));
    }

    private static BinaryMask wall() {
        return BinaryMask.ofBox(WIDTH, HEIGHT, new Box(0, WALL_TOP, WIDTH, HEIGHT - WALL_TOP));
    }

    private static RgbImage image(BinaryMask person, BinaryMask occluder) {
        int[] pixels = new int[WIDTH * HEIGHT];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = occluder.get(i) ? WALL : person.get(i) ? 0x2040A0 : BACKGROUND;
        }
        return RgbImage.of(WIDTH, HEIGHT, pixels);
    }

    /** One 12x12 template of the same figure: the top quarter full, below it the middle third. */
    private Path figureBank() {
        float[] template = new float[144];
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                template[y * 12 + x] = y < 3 || (x >= 4 && x < 8) ? 1f : 0f;
            }
        }
        Path file = dir.resolve("figure-bank.txt");
        PoseMaskBank.ofValues(12, List.of(template), "a block on a bar").save(file);
        return file;
    }

    private MaskCompleter create(Map<String, String> config) {
        return new ReferenceMaskCompleterFactory().create(ComponentConfig.of(config), PluginContext.defaults());
    }

    @Test
    void descriptorSaysWhatTheCompleterIs() {
        ComponentDescriptor descriptor = new ReferenceMaskCompleterFactory().descriptor();
        assertEquals("reference", descriptor.name());
        assertEquals("reference", new ReferenceMaskCompleterFactory().name());
        assertEquals(Stage.MASK_COMPLETION, descriptor.stage());
        assertEquals("java", descriptor.engine());
        assertEquals("template-fit", descriptor.backbone());
        assertEquals(0, descriptor.inputSize());
        assertTrue(descriptor.threadSafe());
    }

    @Test
    void fittedTemplateRestoresTheFigureBehindTheWall() {
        BinaryMask figure = wholeFigure();
        BinaryMask visible = figure.andNot(wall());
        try (MaskCompleter completer = create(Map.of("pose-bank", figureBank().toString()))) {
            MaskCompletion result = completer.complete(image(figure, wall()), PersonInstance.of(1, visible));
            assertEquals(visible, result.refinedVisible());
            assertTrue(result.amodal().containsAll(visible));
            // The visible part alone scores 90 rows of 120 by height and 2700 of 3000 pixels by area.
            double iou = result.amodal().iou(figure);
            assertTrue(iou > 0.95, "amodal IoU " + iou + " of the restored figure");
            assertTrue(result.invisible().iou(figure.andNot(visible)) > 0.8, "the hidden bar behind the wall is not restored");
        }
    }

    @Test
    void withNothingThatCouldHideABodyPartNothingIsAdded() {
        BinaryMask figure = wholeFigure();
        BinaryMask none = BinaryMask.empty(WIDTH, HEIGHT);
        try (MaskCompleter completer = create(Map.of())) {
            MaskCompletion result = completer.complete(image(figure, none), PersonInstance.of(1, figure));
            assertEquals(figure, result.amodal(), "on a plain background every non-person pixel is background");
        }
    }

    @Test
    void maxScaleOneKeepsTheBodyNearTheVisibleBox() {
        BinaryMask figure = wholeFigure();
        BinaryMask visible = figure.andNot(wall());
        try (MaskCompleter completer = create(Map.of("pose-bank", figureBank().toString(), "max-scale", "1"))) {
            BinaryMask amodal = completer.complete(image(figure, wall()), PersonInstance.of(1, visible)).amodal();
            Box box = amodal.boundingBox().orElseThrow();
            // Visible rows end at 99; sides may only move by a 4% slack (3.6 rows of 90) plus rounding.
            assertTrue(box.maxY() <= WALL_TOP + 5, "amodal reaches row " + (box.maxY() - 1));
        }
    }

    @Test
    void shapeOnlyFitNeverShrinksTheVisibleMask() {
        BinaryMask figure = wholeFigure();
        BinaryMask visible = figure.andNot(wall());
        try (MaskCompleter completer = create(Map.of("use-image", "false"))) {
            MaskCompletion result = completer.complete(image(figure, wall()), PersonInstance.of(1, visible));
            assertTrue(result.amodal().containsAll(visible));
            assertEquals(visible, result.refinedVisible());
        }
    }

    @Test
    void peopleAtTheImageBorderAndTinyPeopleAreHandled() {
        try (MaskCompleter completer = create(Map.of())) {
            // Cut by the bottom and left edges, behind a wall that fills the rest of the bottom.
            BinaryMask cut = BinaryMask.ofBox(40, 40, new Box(0, 10, 12, 30));
            BinaryMask occluder = BinaryMask.ofBox(40, 40, new Box(12, 30, 28, 10));
            int[] pixels = new int[1600];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = occluder.get(i) ? WALL : cut.get(i) ? 0x2040A0 : BACKGROUND;
            }
            MaskCompletion atBorder = completer.complete(RgbImage.of(40, 40, pixels), PersonInstance.of(1, cut));
            assertTrue(atBorder.amodal().containsAll(cut));

            BinaryMask single = BinaryMask.fromIndex(1, 1, i -> true);
            assertEquals(single, completer.complete(RgbImage.filled(1, 1, 0), PersonInstance.of(1, single)).amodal());

            BinaryMask dot = BinaryMask.ofBox(30, 30, new Box(29, 0, 1, 1));
            assertTrue(completer.complete(RgbImage.filled(30, 30, BACKGROUND), PersonInstance.of(1, dot)).amodal().containsAll(dot));
        }
    }

    @Test
    void badInputIsRejected() {
        try (MaskCompleter completer = create(Map.of())) {
            BinaryMask figure = wholeFigure();
            RgbImage image = image(figure, wall());
            PersonInstance person = PersonInstance.of(1, figure);
            assertError(ErrorCode.INVALID_ARGUMENT, () -> completer.complete(null, person));
            assertError(ErrorCode.INVALID_ARGUMENT, () -> completer.complete(image, null));
            BinaryMask wrongSize = BinaryMask.ofBox(WIDTH, HEIGHT + 1, new Box(40, 40, 10, 10));
            DeoccException mismatch = assertError(ErrorCode.SIZE_MISMATCH, () -> completer.complete(image, PersonInstance.of(1, wrongSize)));
            assertTrue(mismatch.getMessage().contains("100x161") && mismatch.getMessage().contains("100x160"), mismatch.getMessage());
            // A person cannot even be made from an empty mask, so no completer ever sees one.
            assertError(ErrorCode.EMPTY_MASK, () -> PersonInstance.of(1, BinaryMask.empty(WIDTH, HEIGHT)));
        }
    }

    @Test
    void imagesOverTheContextLimitAreRefused() {
        PluginContext small = PluginContext.of(ResourceLimits.defaults().withMaxImagePixels(1000));
        try (MaskCompleter completer = new ReferenceMaskCompleterFactory().create(ComponentConfig.empty(), small)) {
            BinaryMask figure = wholeFigure();
            assertError(ErrorCode.IMAGE_TOO_LARGE, () -> completer.complete(image(figure, wall()), PersonInstance.of(1, figure)));
        }
    }

    @Test
    void callsAfterCloseFailAndCloseIsIdempotent() {
        MaskCompleter completer = create(Map.of());
        BinaryMask figure = wholeFigure();
        completer.close();
        completer.close();
        assertError(ErrorCode.COMPONENT_CLOSED, () -> completer.complete(image(figure, wall()), PersonInstance.of(1, figure)));
    }

    @Test
    void badSettingsAreRejected() throws IOException {
        assertError(ErrorCode.INVALID_CONFIG, () -> create(Map.of("hidden-wieght", "0.1")));
        assertError(ErrorCode.INVALID_CONFIG, () -> create(Map.of("hidden-weight", "1.5")));
        assertError(ErrorCode.INVALID_CONFIG, () -> create(Map.of("hidden-weight", "-0.1")));
        assertError(ErrorCode.INVALID_CONFIG, () -> create(Map.of("max-scale", "0.5")));
        assertError(ErrorCode.INVALID_CONFIG, () -> create(Map.of("max-scale", "big")));
        assertError(ErrorCode.INVALID_CONFIG, () -> create(Map.of("use-image", "yes")));
        assertError(ErrorCode.FILE_NOT_FOUND, () -> create(Map.of("pose-bank", dir.resolve("absent.txt").toString())));
        Path corrupt = dir.resolve("corrupt.txt");
        Files.writeString(corrupt, "deocc-pose-masks 1\ncount 1\nsize 2\nrecipe x\nmask 0\n0000\n");
        assertError(ErrorCode.MODEL_INVALID, () -> create(Map.of("pose-bank", corrupt.toString())));
        assertError(ErrorCode.INVALID_ARGUMENT, () -> new ReferenceMaskCompleterFactory().create(null, PluginContext.defaults()));
        assertError(ErrorCode.INVALID_ARGUMENT, () -> new ReferenceMaskCompleterFactory().create(ComponentConfig.empty(), null));
    }

    @Test
    void validSettingsAreAccepted() {
        try (MaskCompleter completer = create(Map.of("hidden-weight", "0", "max-scale", "2.5", "use-image", "false"))) {
            assertEquals("reference", completer.descriptor().name());
        }
    }

    private static DeoccException assertError(ErrorCode code, Executable call) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(code, e.errorCode(), e.getMessage());
        assertTrue(!e.getMessage().isBlank());
        return e;
    }
}
