package io.deocc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import org.junit.jupiter.api.Test;

/** Occluding a "real" person: here the unoccluded image and whole-person mask of a synthetic scene. */
class OcclusionsTest {
    private static final Scene SOURCE = SyntheticScenes.occludedPerson(21, 160, 160);

    @Test
    void occludesOnlyInsideTheOccluderAndKeepsTheGroundTruthConsistent() {
        for (long seed = 0; seed < 20; seed++) {
            OccludedPerson p = Occlusions.occlude(SOURCE.original(), SOURCE.amodal(), seed, OcclusionSettings.defaults());
            String at = "seed " + seed;
            assertEquals(SOURCE.amodal().andNot(p.occluder()), p.visible(), at);
            double hidden = 1 - p.visible().area() / (double) SOURCE.amodal().area();
            assertTrue(hidden >= 0.05 - 1e-9 && hidden <= 0.70 + 1e-9, at + ": hidden " + hidden);
            int[] before = SOURCE.original().toArray();
            int[] after = p.image().toArray();
            for (int i = 0; i < before.length; i++) {
                if (!p.occluder().get(i)) {
                    assertEquals(before[i], after[i], at + ": pixel " + i + " changed outside the occluder");
                }
            }
            assertTrue(p.segmenterMask().iou(p.visible()) > 0.7, at);
            assertFalse(p.occluders().contains(OccluderKind.BORDER), at + ": a photo cannot be re-framed");
        }
    }

    @Test
    void isReproducibleAndHitsARequestedRatio() {
        OcclusionSettings settings = OcclusionSettings.defaults().withTargetVisibleRatio(0.55);
        OccludedPerson a = Occlusions.occlude(SOURCE.original(), SOURCE.amodal(), 9, settings);
        assertEquals(a, Occlusions.occlude(SOURCE.original(), SOURCE.amodal(), 9, settings));
        assertEquals(0.55, a.visible().area() / (double) SOURCE.amodal().area(), OcclusionSettings.VISIBLE_RATIO_TOLERANCE);
    }

    @Test
    void badInputsAreRefused() {
        OcclusionSettings s = OcclusionSettings.defaults();
        DeoccException size = assertThrows(DeoccException.class,
                () -> Occlusions.occlude(RgbImage.filled(50, 50, 0), SOURCE.amodal(), 1, s));
        assertEquals(ErrorCode.SIZE_MISMATCH, size.errorCode());
        DeoccException empty = assertThrows(DeoccException.class,
                () -> Occlusions.occlude(SOURCE.original(), BinaryMask.empty(160, 160), 1, s));
        assertEquals(ErrorCode.EMPTY_MASK, empty.errorCode());
        DeoccException none = assertThrows(DeoccException.class, () -> Occlusions.occlude(null, SOURCE.amodal(), 1, s));
        assertEquals(ErrorCode.INVALID_ARGUMENT, none.errorCode());
    }
}
