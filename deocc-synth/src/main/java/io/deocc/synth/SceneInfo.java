package io.deocc.synth;

import static io.deocc.api.DeoccException.checkNotNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a scene was made, for statistics and for picking subsets: the pose family and the occluder
 * kinds present (including {@link OccluderKind#BORDER} when the person is cut by the frame).
 *
 * @param pose the person's pose family; empty for a scene built by hand
 * @param occluders the occluder kinds in the scene; empty for a scene built by hand
 */
public record SceneInfo(Optional<PoseFamily> pose, Set<OccluderKind> occluders) {
    public SceneInfo {
        checkNotNull(pose, "pose");
        checkNotNull(occluders, "occluders");
        Checks.noNullElements(occluders, "occluder kinds", "list only OccluderKind values");
        occluders = occluders.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(occluders));
    }

    /** The info of a scene built by hand: nothing known. */
    public static SceneInfo unknown() {
        return new SceneInfo(Optional.empty(), Set.of());
    }

    /** Whether the person is cut by the image border. */
    public boolean truncated() {
        return occluders.contains(OccluderKind.BORDER);
    }
}
