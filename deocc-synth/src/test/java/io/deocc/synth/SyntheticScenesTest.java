package io.deocc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticScenesTest {
    private static final int SCENES = 40;

    @Test
    void sameSeedGivesEqualScenes() {
        Scene a = SyntheticScenes.occludedPerson(42, 128, 96);
        Scene b = SyntheticScenes.occludedPerson(42, 128, 96);
        assertEquals(a, b);
        assertEquals(a.image(), b.image());
        assertEquals(a.amodalParsing(), b.amodalParsing());
    }

    @Test
    void differentSeedsGiveDifferentScenes() {
        Set<RgbImage> images = new HashSet<>();
        Set<BinaryMask> amodals = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            Scene scene = SyntheticScenes.occludedPerson(seed, 96, 96);
            images.add(scene.image());
            amodals.add(scene.amodal());
        }
        assertEquals(10, images.size(), "ten seeds must give ten different images");
        assertEquals(10, amodals.size(), "ten seeds must give ten different person shapes");
    }

    @Test
    void scenesMadeOnManyThreadsEqualScenesMadeOnOne() {
        List<Scene> sequential = LongStream.range(0, 12).mapToObj(seed -> SyntheticScenes.occludedPerson(seed, 64, 64)).toList();
        List<Scene> parallel = LongStream.range(0, 12).parallel().mapToObj(seed -> SyntheticScenes.occludedPerson(seed, 64, 64)).toList();
        assertEquals(sequential, parallel);
    }

    @Test
    void batchesAreReproducibleFromEachScenesSeed() {
        List<Scene> batch = SyntheticScenes.occludedPeople(7, 5, 64, 80);
        assertEquals(5, batch.size());
        assertEquals(batch.subList(0, 3), SyntheticScenes.occludedPeople(7, 3, 64, 80), "a scene must not depend on the batch size");
        for (Scene scene : batch) {
            assertEquals(scene, SyntheticScenes.occludedPerson(scene.seed(), 64, 80));
        }
        assertNotEquals(batch.get(0), batch.get(1));
    }

    @ParameterizedTest
    @CsvSource({"128, 128", "256, 192", "64, 160", "200, 48", "32, 32"})
    void invariantsHoldForManySeeds(int width, int height) {
        for (long seed = 0; seed < SCENES; seed++) {
            Scene s = SyntheticScenes.occludedPerson(seed * 7919 + width, width, height);
            String at = "seed " + s.seed() + " at " + width + "x" + height;
            assertEquals(width, s.image().width(), at);
            assertEquals(height, s.image().height(), at);
            assertTrue(s.amodal().containsAll(s.visible()), at + ": visible must lie inside amodal");
            assertEquals(0, s.occluder().intersectionArea(s.visible()), at + ": the occluder must not cover visible pixels");
            assertFalse(s.visible().isEmpty(), at);
            double hidden = s.invisible().area() / (double) s.amodal().area();
            assertTrue(hidden >= 0.15 && hidden <= 0.60, at + ": hidden share " + hidden + " outside [0.15, 0.60]");
            assertEquals(1.0 - hidden, s.visibleRatio(), 1e-12, at);
            assertFalse(s.amodal().touchesBorder(), at + ": the person touches the border");
            Box box = s.amodal().boundingBox().orElseThrow();
            assertTrue(box.x() >= 2 && box.y() >= 2 && box.maxX() <= width - 2 && box.maxY() <= height - 2,
                    at + ": the person " + box + " is within 2 px of the border");
            assertTrue(box.height() <= 0.86 * height, at + ": the person is " + box.height() + " px tall");
            assertEquals(s.amodal(), s.amodalParsing().foreground(), at + ": labels must lie exactly on amodal");
            int[] image = s.image().toArray();
            int[] original = s.original().toArray();
            for (int i = 0; i < image.length; i++) {
                if (!s.occluder().get(i)) {
                    assertEquals(original[i], image[i], at + ": pixel " + i + " changed outside the occluder");
                }
            }
        }
    }

    @Test
    void peopleAreMostlyBetween55And85PercentOfASquareImagesHeight() {
        for (long seed = 0; seed < SCENES; seed++) {
            Scene s = SyntheticScenes.occludedPerson(seed, 160, 160);
            int tall = s.amodal().boundingBox().orElseThrow().height();
            // a square image always has room for the target height; rasterising may trim a pixel or two
            assertTrue(tall >= 0.55 * 160 - 3 && tall <= 0.85 * 160 + 1, "seed " + seed + ": person " + tall + " px tall");
        }
    }

    @Test
    void occluderActuallyChangesTheHiddenPixels() {
        int changed = 0;
        int hiddenTotal = 0;
        for (long seed = 0; seed < 10; seed++) {
            Scene s = SyntheticScenes.occludedPerson(seed, 96, 96);
            int[] image = s.image().toArray();
            int[] original = s.original().toArray();
            BinaryMask invisible = s.invisible();
            for (int i = 0; i < image.length; i++) {
                if (invisible.get(i)) {
                    hiddenTotal++;
                    if (image[i] != original[i]) {
                        changed++;
                    }
                }
            }
        }
        assertTrue(changed > 0.95 * hiddenTotal, "the occluder must repaint the person's hidden pixels: " + changed + " of " + hiddenTotal);
    }

    @Test
    void peopleWearPlausibleParts() {
        Set<LipClass> seen = EnumSet.noneOf(LipClass.class);
        for (long seed = 0; seed < SCENES; seed++) {
            Scene s = SyntheticScenes.occludedPerson(seed, 128, 128);
            ParsingMap parsing = s.amodalParsing();
            Set<LipClass> here = EnumSet.noneOf(LipClass.class);
            for (int i = 0; i < s.width() * s.height(); i++) {
                here.add(LipClass.ofLabel(parsing.label(i)));
            }
            String at = "seed " + seed;
            assertTrue(here.contains(LipClass.FACE), at + " has no face");
            assertTrue(here.contains(LipClass.HAIR), at + " has no hair");
            assertTrue(here.contains(LipClass.UPPER_CLOTHES), at + " has no upper clothes");
            assertTrue(here.contains(LipClass.LEFT_SHOE) && here.contains(LipClass.RIGHT_SHOE), at + " lacks a shoe");
            seen.addAll(here);
        }
        for (LipClass part : List.of(LipClass.LEFT_ARM, LipClass.RIGHT_ARM, LipClass.LEFT_LEG, LipClass.RIGHT_LEG,
                LipClass.PANTS, LipClass.SKIRT, LipClass.GLOVE)) {
            assertTrue(seen.contains(part), part + " never appears in " + SCENES + " scenes");
        }
    }

    @Test
    void leftLabelsLieOnTheImagesRightSide() {
        // the person faces the camera, so the person's left is on the image's right
        for (long seed = 0; seed < 10; seed++) {
            Scene s = SyntheticScenes.occludedPerson(seed, 128, 128);
            Box left = s.amodalParsing().maskOf(LipClass.LEFT_SHOE).boundingBox().orElseThrow();
            Box right = s.amodalParsing().maskOf(LipClass.RIGHT_SHOE).boundingBox().orElseThrow();
            assertTrue(left.x() + left.width() / 2.0 > right.x() + right.width() / 2.0, "seed " + seed);
        }
    }

    @Test
    void visibleParsingIsTheAmodalParsingOnVisiblePixels() {
        Scene s = SyntheticScenes.occludedPerson(3, 96, 96);
        ParsingMap visible = s.visibleParsing();
        assertEquals(s.visible(), visible.foreground());
        for (int i = 0; i < s.width() * s.height(); i++) {
            if (s.visible().get(i)) {
                assertEquals(s.amodalParsing().label(i), visible.label(i));
            }
        }
    }

    @Test
    void sizesOutsideTheRangeAreRejected() {
        DeoccException small = assertThrows(DeoccException.class, () -> SyntheticScenes.occludedPerson(1, 31, 64));
        assertEquals(ErrorCode.INVALID_ARGUMENT, small.errorCode());
        assertTrue(small.getMessage().contains("31x64"), small.getMessage());
        assertThrows(DeoccException.class, () -> SyntheticScenes.occludedPerson(1, 64, 5000));
        assertThrows(DeoccException.class, () -> SyntheticScenes.occludedPeople(1, -1, 64, 64));
        assertTrue(SyntheticScenes.occludedPeople(1, 0, 64, 64).isEmpty());
    }

    @Test
    void sceneRejectsInconsistentGroundTruth() {
        Scene s = SyntheticScenes.occludedPerson(5, 64, 64);
        DeoccException wrongVisible = assertThrows(DeoccException.class, () -> new Scene(s.seed(), s.image(), s.original(),
                s.amodal(), s.amodal(), s.occluder(), s.amodalParsing()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, wrongVisible.errorCode());
        DeoccException wrongSize = assertThrows(DeoccException.class, () -> new Scene(s.seed(), s.image(),
                RgbImage.filled(32, 64, 0), s.amodal(), s.visible(), s.occluder(), s.amodalParsing()));
        assertEquals(ErrorCode.SIZE_MISMATCH, wrongSize.errorCode());
        DeoccException changedOutside = assertThrows(DeoccException.class, () -> new Scene(s.seed(), s.image(),
                RgbImage.filled(64, 64, 0x123456), s.amodal(), s.visible(), s.occluder(), s.amodalParsing()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, changedOutside.errorCode());
        DeoccException nullImage = assertThrows(DeoccException.class, () -> new Scene(s.seed(), null, s.original(),
                s.amodal(), s.visible(), s.occluder(), s.amodalParsing()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, nullImage.errorCode());
    }
}
