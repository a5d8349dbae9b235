package io.deocc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.RgbaImage;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Out-of-range settings are refused with a message that names the value and the allowed range. */
class SettingsValidationTest {
    private static final Set<PoseFamily> ALL = EnumSet.allOf(PoseFamily.class);
    private static final OcclusionSettings OCC = OcclusionSettings.defaults();

    private static void refused(Executable call, String... fragments) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode(), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void sceneSettingsRangesAreNamed() {
        refused(() -> SceneSettings.defaults(20, 64), "20x64", "32 to 4096");
        refused(() -> new SceneSettings(64, 64, Set.of(), 0.5, 0.8, 10, true, 0.3, OCC), "pose family", "STANDING");
        refused(() -> new SceneSettings(64, 64, ALL, 0.1, 0.8, 10, true, 0.3, OCC), "minPersonHeight 0.1", "0.2 to 1.0");
        refused(() -> new SceneSettings(64, 64, ALL, 0.6, 0.5, 10, true, 0.3, OCC), "maxPersonHeight 0.5", "0.6");
        refused(() -> new SceneSettings(64, 64, ALL, 0.5, 0.8, 45, true, 0.3, OCC), "maxRotationDegrees 45", "0 to 30");
        refused(() -> new SceneSettings(64, 64, ALL, 0.5, 0.8, 10, true, 1.5, OCC), "plainBackgroundShare 1.5", "0 to 1");
        refused(() -> new SceneSettings(64, 64, null, 0.5, 0.8, 10, true, 0.3, OCC), "poses");
        refused(() -> SyntheticScenes.generate(1, null), "settings");
        refused(() -> SyntheticScenes.generate(1, -1, SceneSettings.defaults(64, 64)), "-1", "0 to 10000");
    }

    @Test
    void occlusionSettingsRangesAreNamed() {
        refused(() -> OCC.withHiddenRange(0.01, 0.5), "minHidden 0.01", "0.02 to 0.85");
        refused(() -> OCC.withHiddenRange(0.4, 0.9), "maxHidden 0.9", "0.85");
        refused(() -> OCC.withTargetVisibleRatio(0.05), "targetVisibleRatio 0.05", "0.15 to 0.98");
        refused(() -> OCC.withTargetVisibleRatio(0.99), "targetVisibleRatio 0.99");
        refused(() -> OCC.withKinds(EnumSet.of(OccluderKind.BORDER)), "BORDER", "add at least one");
        refused(() -> OCC.withKinds(EnumSet.of(OccluderKind.CUTOUT)), "CUTOUT", "cut-out");
        refused(() -> OCC.withMaxOccluders(0), "maxOccluders 0", "1 to 4");
        refused(() -> OCC.withCutouts(List.of(RgbaImage.of(2, 2, new int[4]))), "2x2", "at least 4x4");
        refused(() -> new OcclusionSettings(0.1, 0.5, null, EnumSet.of(OccluderKind.BOX), 1, true, List.of()), "targetVisibleRatio");
    }

    @Test
    void validSettingsAreKept() {
        OcclusionSettings o = new OcclusionSettings(0.1, 0.5, OptionalDouble.of(0.7), EnumSet.of(OccluderKind.POLE), 3, false, List.of());
        assertEquals(0.7, o.targetVisibleRatio().getAsDouble());
        assertEquals(Set.of(OccluderKind.POLE), o.kinds());
        SceneSettings s = SceneSettings.simple(100, 80).withOcclusion(o);
        assertEquals(100, s.width());
        assertEquals(o, s.occlusion());
        assertTrue(OCC.withCutouts(List.of(RgbaImage.of(4, 4, new int[16]))).kinds().contains(OccluderKind.CUTOUT));
    }
}
