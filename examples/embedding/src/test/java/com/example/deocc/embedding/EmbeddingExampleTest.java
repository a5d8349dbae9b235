package com.example.deocc.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.DeoccResult;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonResult;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example application the way a user would, on a synthetic scene written to disk. */
class EmbeddingExampleTest {
    private static final int SIZE = 128;

    @Test
    void deoccludesTheGivenPerson(@TempDir Path folder) {
        Scene scene = SyntheticScenes.occludedPerson(42, SIZE, SIZE);
        Path image = folder.resolve("scene.png");
        Path mask = folder.resolve("person-1.png");
        ImageFiles.writePng(scene.image(), image);
        ImageFiles.writePng(scene.visible(), mask);

        DeoccResult result = EmbeddingExample.deocclude(image, List.of(mask));

        assertTrue(result.failures().isEmpty(), () -> "failures: " + result.failures());
        assertEquals(1, result.people().size(), "one mask file, one person");
        PersonResult person = result.people().get(0);
        assertEquals(scene.visible(), person.person().visibleMask(), "the person is the mask file's pixels");
        MaskCompletion masks = person.masks();
        assertTrue(masks.amodal().containsAll(masks.refinedVisible()), "the whole body contains the visible part");
        RgbImage composite = person.content().composite();
        assertEquals(SIZE, composite.width());
        assertEquals(SIZE, composite.height());
        assertVisiblePixelsUnchanged(scene.image(), composite, masks.refinedVisible());
    }

    @Test
    void mainWritesOneCompositePerPerson(@TempDir Path folder) {
        Scene scene = SyntheticScenes.occludedPerson(43, SIZE, SIZE);
        Path image = folder.resolve("scene.png");
        Path mask = folder.resolve("person-1.png");
        ImageFiles.writePng(scene.image(), image);
        ImageFiles.writePng(scene.visible(), mask);
        Path out = folder.resolve("out");

        EmbeddingExample.main(new String[] {image.toString(), out.toString(), mask.toString()});

        RgbImage written = ImageFiles.readRgb(out.resolve("person-1-composite.png"), ResourceLimits.defaults());
        RgbImage expected = EmbeddingExample.deocclude(image, List.of(mask)).people().get(0).content().composite();
        assertEquals(expected, written, "main must write the composite the pipeline returns, losslessly");
    }

    @Test
    void committedExampleDataRunsAndRecoversHiddenBody() {
        Path data = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../data").normalize();
        DeoccResult result = EmbeddingExample.deocclude(data.resolve("street.png"), List.of(data.resolve("street-person-1.png")));
        assertTrue(result.failures().isEmpty(), () -> "failures: " + result.failures());
        assertEquals(1, result.people().size());
        BinaryMask truth = ImageFiles.readMask(data.resolve("street-person-1-amodal.png"), ResourceLimits.defaults());
        MaskCompletion masks = result.people().get(0).masks();
        // What the README's first example promises: the whole-body mask is closer to the truth than the visible part is.
        assertTrue(masks.amodal().iou(truth) > masks.refinedVisible().iou(truth), () -> "amodal IoU " + masks.amodal().iou(truth)
                + " is not above the visible mask's " + masks.refinedVisible().iou(truth) + " on examples/data/street.png");
    }

    private static void assertVisiblePixelsUnchanged(RgbImage input, RgbImage composite, BinaryMask visible) {
        int[] before = input.toArray();
        int[] after = composite.toArray();
        for (int i = 0; i < before.length; i++) {
            if (visible.get(i) && before[i] != after[i]) {
                throw new AssertionError("visible pixel (" + i % input.width() + ", " + i / input.width() + ") changed from "
                        + Integer.toHexString(before[i]) + " to " + Integer.toHexString(after[i]));
            }
        }
    }
}
