package io.deocc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.RgbaImage;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rich generator ({@link SceneSettings#defaults}) and its settings. */
class RichScenesTest {
    private static final SceneSettings RICH = SceneSettings.defaults(128, 128);

    @Test
    void sameSeedAndSettingsGiveEqualScenesOnAnyThread() {
        List<Scene> sequential = LongStream.range(0, 8).mapToObj(seed -> SyntheticScenes.generate(seed, RICH)).toList();
        List<Scene> parallel = LongStream.range(0, 8).parallel().mapToObj(seed -> SyntheticScenes.generate(seed, RICH)).toList();
        assertEquals(sequential, parallel);
        assertEquals(SyntheticScenes.generate(3, RICH.withTargetVisibleRatio(0.6)), SyntheticScenes.generate(3, RICH.withTargetVisibleRatio(0.6)));
        assertEquals(SyntheticScenes.generate(77, 4, RICH).get(2), SyntheticScenes.generate(77, 4, RICH).get(2));
    }

    @Test
    void differentSeedsGiveDifferentScenes() {
        long distinctImages = LongStream.range(0, 12).mapToObj(seed -> SyntheticScenes.generate(seed, RICH).image()).distinct().count();
        long distinctPeople = LongStream.range(0, 12).mapToObj(seed -> SyntheticScenes.generate(seed, RICH).amodal()).distinct().count();
        assertEquals(12, distinctImages);
        assertEquals(12, distinctPeople);
    }

    @Test
    void groundTruthIsConsistentForManySeeds() {
        for (long seed = 0; seed < 80; seed++) {
            Scene s = SyntheticScenes.generate(seed, RICH);
            String at = "seed " + seed;
            assertTrue(s.amodal().containsAll(s.visible()), at + ": visible must lie inside amodal");
            assertEquals(s.amodal().andNot(s.occluder()), s.visible(), at + ": visible = amodal - occluder");
            assertEquals(s.amodal(), s.amodalParsing().foreground(), at + ": parsing exactly on amodal");
            assertEquals(s.visible(), s.visibleParsing().foreground(), at);
            assertEquals(s.invisible(), s.invisibleParsing().foreground(), at);
            double hidden = 1 - s.visibleRatio();
            assertTrue(hidden >= 0.05 - 1e-9 && hidden <= 0.70 + 1e-9, at + ": hidden share " + hidden + " outside the defaults' 5%-70%");
            int[] image = s.image().toArray();
            int[] original = s.original().toArray();
            int changedInside = 0;
            for (int i = 0; i < image.length; i++) {
                if (!s.occluder().get(i)) {
                    assertEquals(original[i], image[i], at + ": pixel " + i + " changed outside the occluder");
                } else if (image[i] != original[i]) {
                    changedInside++;
                }
            }
            assertTrue(changedInside > 0.9 * s.occluder().area(), at + ": the occluder must repaint its pixels");
            assertTrue(s.info().pose().isPresent(), at);
            assertFalse(s.info().occluders().isEmpty(), at);
        }
    }

    @Test
    void segmenterMaskIsANoisyButCloseVisibleMask() {
        int differing = 0;
        for (long seed = 0; seed < 60; seed++) {
            Scene s = SyntheticScenes.generate(seed, SceneSettings.defaults(160, 160));
            double iou = s.segmenterMask().iou(s.visible());
            assertTrue(iou > 0.7, "seed " + seed + ": IoU " + iou + " with the visible mask");
            if (!s.segmenterMask().equals(s.visible())) {
                differing++;
            }
        }
        assertEquals(60, differing, "every noisy mask must differ from the truth");
        OcclusionSettings quiet = OcclusionSettings.defaults().withSegmenterNoise(false);
        Scene clean = SyntheticScenes.generate(5, RICH.withOcclusion(quiet));
        assertEquals(clean.visible(), clean.segmenterMask(), "without noise the segmenter mask is the visible mask");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.45, 0.6, 0.75, 0.9, 0.95})
    void requestedVisibleRatioIsReached(double target) {
        SceneSettings settings = SceneSettings.defaults(192, 192).withTargetVisibleRatio(target);
        for (long seed = 0; seed < 12; seed++) {
            Scene s = SyntheticScenes.generate(seed * 31 + 5, settings);
            assertEquals(target, s.visibleRatio(), OcclusionSettings.VISIBLE_RATIO_TOLERANCE, "seed " + s.seed() + " with " + s.info());
        }
    }

    @Test
    void everyPoseFamilyAndOccluderKindOccurs() {
        Set<PoseFamily> poses = EnumSet.noneOf(PoseFamily.class);
        Set<OccluderKind> kinds = EnumSet.noneOf(OccluderKind.class);
        int multiple = 0;
        for (long seed = 0; seed < 300; seed++) {
            Scene s = SyntheticScenes.generate(seed, SceneSettings.defaults(64, 64));
            poses.add(s.info().pose().orElseThrow());
            kinds.addAll(s.info().occluders());
            if (s.info().occluders().stream().filter(k -> k != OccluderKind.BORDER).count() > 1) {
                multiple++;
            }
        }
        assertEquals(EnumSet.allOf(PoseFamily.class), poses);
        assertEquals(EnumSet.complementOf(EnumSet.of(OccluderKind.CUTOUT)), kinds);
        assertTrue(multiple > 10, "only " + multiple + " of 300 scenes have two kinds of occluder");
    }

    @Test
    void truncatedPeopleTouchTheBorderAndOthersDoNot() {
        int truncated = 0;
        for (long seed = 0; seed < 150; seed++) {
            Scene s = SyntheticScenes.generate(seed, SceneSettings.defaults(96, 96));
            assertEquals(s.amodal().touchesBorder(), s.info().truncated(), "seed " + seed);
            if (s.info().truncated()) {
                truncated++;
                // the ground truth is clipped to the image: the hidden share still counts only pixels inside
                double hidden = 1 - s.visibleRatio();
                assertTrue(hidden >= 0.05 - 1e-9 && hidden <= 0.70 + 1e-9, "seed " + seed + ": hidden " + hidden);
            }
        }
        assertTrue(truncated >= 10 && truncated <= 60, truncated + " of 150 scenes truncated; about 20% expected");
        OcclusionSettings noBorder = OcclusionSettings.defaults().withKinds(EnumSet.of(OccluderKind.BOX, OccluderKind.PERSON));
        for (long seed = 0; seed < 40; seed++) {
            assertFalse(SyntheticScenes.generate(seed, RICH.withOcclusion(noBorder)).amodal().touchesBorder(), "seed " + seed);
        }
    }

    @Test
    void frontFacingPeopleShowTheirLeftOnTheImagesRight() {
        SceneSettings front = new SceneSettings(128, 128, EnumSet.of(PoseFamily.STANDING, PoseFamily.ARMS_RAISED), 0.6, 0.8, 0, true, 0.3,
                OcclusionSettings.defaults().withKinds(EnumSet.of(OccluderKind.BOX)));
        for (long seed = 0; seed < 20; seed++) {
            Scene s = SyntheticScenes.generate(seed, front);
            Box left = s.amodalParsing().maskOf(LipClass.LEFT_SHOE).boundingBox().orElseThrow();
            Box right = s.amodalParsing().maskOf(LipClass.RIGHT_SHOE).boundingBox().orElseThrow();
            assertTrue(left.x() + left.width() / 2.0 > right.x() + right.width() / 2.0, "seed " + seed);
        }
    }

    @Test
    void richPeopleWearTheWholeWardrobe() {
        Set<LipClass> seen = EnumSet.noneOf(LipClass.class);
        for (long seed = 0; seed < 150; seed++) {
            byte[] labels = SyntheticScenes.generate(seed, SceneSettings.defaults(96, 96)).amodalParsing().toArray();
            for (byte label : labels) {
                seen.add(LipClass.ofLabel(label));
            }
        }
        for (LipClass part : List.of(LipClass.HAT, LipClass.HAIR, LipClass.GLOVE, LipClass.SUNGLASSES, LipClass.UPPER_CLOTHES,
                LipClass.DRESS, LipClass.COAT, LipClass.PANTS, LipClass.SCARF, LipClass.SKIRT, LipClass.FACE, LipClass.LEFT_ARM,
                LipClass.RIGHT_ARM, LipClass.LEFT_LEG, LipClass.RIGHT_LEG, LipClass.LEFT_SHOE, LipClass.RIGHT_SHOE)) {
            assertTrue(seen.contains(part), part + " never appears in 150 rich scenes");
        }
    }

    @Test
    void someBackgroundsAreClutteredAndPlainOnesAreSmooth() {
        SceneSettings cluttered = new SceneSettings(96, 96, EnumSet.allOf(PoseFamily.class), 0.45, 0.9, 15, true, 0.0,
                OcclusionSettings.defaults());
        SceneSettings plain = new SceneSettings(96, 96, EnumSet.allOf(PoseFamily.class), 0.45, 0.9, 15, true, 1.0,
                OcclusionSettings.defaults());
        int rough = 0;
        for (long seed = 0; seed < 30; seed++) {
            if (roughBackground(SyntheticScenes.generate(seed, cluttered))) {
                rough++;
            }
            assertFalse(roughBackground(SyntheticScenes.generate(seed, plain)), "seed " + seed + ": a plain background has edges");
        }
        assertTrue(rough >= 12, "only " + rough + " of 30 cluttered backgrounds have edges");
    }

    /** Whether more than 1% of horizontally adjacent background pixels (in the original) differ by a visible step. */
    private static boolean roughBackground(Scene s) {
        BinaryMask person = s.amodal();
        int[] px = s.original().toArray();
        int pairs = 0;
        int steps = 0;
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x + 1 < s.width(); x++) {
                int i = y * s.width() + x;
                // skip the person and its anti-aliased rim
                if (near(person, x, y, s.width(), s.height())) {
                    continue;
                }
                pairs++;
                if (channelStep(px[i], px[i + 1]) > 24) {
                    steps++;
                }
            }
        }
        return steps > 0.01 * pairs;
    }

    private static boolean near(BinaryMask mask, int x, int y, int w, int h) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 3; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < w && yy < h && mask.get(xx, yy)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int channelStep(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return d;
    }

    @Test
    void cutoutsArePastedWithTheirAlpha() {
        int size = 24;
        int[] argb = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = x - size / 2.0 + 0.5;
                double dy = y - size / 2.0 + 0.5;
                argb[y * size + x] = dx * dx + dy * dy < (size / 2.0 - 1) * (size / 2.0 - 1) ? 0xFF00FF00 : 0x00FF0000;
            }
        }
        RgbaImage disc = RgbaImage.of(size, size, argb);
        OcclusionSettings onlyCutouts = OcclusionSettings.defaults().withCutouts(List.of(disc)).withKinds(EnumSet.of(OccluderKind.CUTOUT));
        for (long seed = 0; seed < 10; seed++) {
            Scene s = SyntheticScenes.generate(seed, RICH.withOcclusion(onlyCutouts));
            assertTrue(s.info().occluders().contains(OccluderKind.CUTOUT) || s.info().occluders().contains(OccluderKind.WALL),
                    "seed " + seed + ": " + s.info());
            if (s.info().occluders().equals(Set.of(OccluderKind.CUTOUT))) {
                int green = 0;
                int red = 0;
                for (int i = 0; i < s.width() * s.height(); i++) {
                    if (s.occluder().get(i)) {
                        int rgb = s.image().toArray()[i];
                        green += (rgb & 0x00FF00) >= 0x008000 ? 1 : 0;
                        red += ((rgb >> 16) & 0xFF) > 0xC0 && ((rgb >> 8) & 0xFF) < 0x40 ? 1 : 0;
                    }
                }
                assertTrue(green > 0.8 * s.occluder().area(), "seed " + seed + ": the cut-out's colour must show");
                assertEquals(0, red, "seed " + seed + ": transparent cut-out pixels must not be pasted");
            }
        }
    }

    @Test
    void handBuiltScenesKeepTheOldConstructor() {
        Scene s = SyntheticScenes.occludedPerson(2, 64, 64);
        Scene hand = new Scene(s.seed(), s.image(), s.original(), s.amodal(), s.visible(), s.occluder(), s.amodalParsing());
        assertEquals(s.visible(), hand.segmenterMask());
        assertEquals(SceneInfo.unknown(), hand.info());
        assertNotEquals(s, hand);
    }
}
