package io.deocc.synth;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.RgbaImage;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link SyntheticScenes#generate(long, SceneSettings)} draws: image size, the person's
 * poses, size and look, the background, and the occlusion. Two presets: {@link #defaults} (the rich
 * generator: every pose family, varied bodies, cluttered backgrounds, people and objects in front,
 * border truncation) and {@link #simple} (front-facing adults on smooth gradients behind one simple
 * occluder, the style of the original test scenes).
 *
 * @param width image width, {@value #MIN_SIZE} to {@value #MAX_SIZE}
 * @param height image height, {@value #MIN_SIZE} to {@value #MAX_SIZE}
 * @param poses the pose families to draw from, at least one
 * @param minPersonHeight the least height of the person's bounding box, as a fraction of the image
 *     height, {@value #MIN_PERSON_HEIGHT} to {@value #MAX_PERSON_HEIGHT}; a narrow image may force a smaller person
 * @param maxPersonHeight the largest such fraction, {@code minPersonHeight} to {@value #MAX_PERSON_HEIGHT}
 * @param maxRotationDegrees the largest in-plane tilt of the whole person, 0 to {@value #MAX_ROTATION_DEGREES}
 * @param variedBodies whether bodies vary beyond slim-to-broad adults: children's proportions,
 *     coats, dresses, hats, scarves, sunglasses, shading and anti-aliased edges
 * @param plainBackgroundShare the share of backgrounds that are smooth gradients (the rest get
 *     stripes, tiles, blobs or noise), 0 to 1
 * @param occlusion how the person is occluded
 */
public record SceneSettings(int width, int height, Set<PoseFamily> poses, double minPersonHeight, double maxPersonHeight,
        double maxRotationDegrees, boolean variedBodies, double plainBackgroundShare, OcclusionSettings occlusion) {
    /** The smallest width and height accepted. */
    public static final int MIN_SIZE = 32;
    /** The largest width and height accepted. */
    public static final int MAX_SIZE = 4096;
    /** The smallest person height fraction accepted. */
    public static final double MIN_PERSON_HEIGHT = 0.2;
    /** The largest person height fraction accepted. */
    public static final double MAX_PERSON_HEIGHT = 1.0;
    /** The largest tilt accepted, in degrees. */
    public static final double MAX_ROTATION_DEGREES = 30;

    public SceneSettings {
        checkArgument(width >= MIN_SIZE && height >= MIN_SIZE && width <= MAX_SIZE && height <= MAX_SIZE,
                "synthetic scene size " + width + "x" + height + " is out of range: width and height must be from "
                        + MIN_SIZE + " to " + MAX_SIZE + " pixels");
        checkNotNull(poses, "poses");
        checkNotNull(occlusion, "occlusion");
        Checks.noNullElements(poses, "pose families", "list only PoseFamily values");
        checkArgument(!poses.isEmpty(), "no pose family given: list at least one of " + EnumSet.allOf(PoseFamily.class));
        // an EnumSet keeps enum order, so choosing a family by index is the same on every run
        poses = Collections.unmodifiableSet(EnumSet.copyOf(poses));
        checkArgument(minPersonHeight >= MIN_PERSON_HEIGHT && minPersonHeight <= MAX_PERSON_HEIGHT,
                "minPersonHeight " + minPersonHeight + " is out of range: use " + MIN_PERSON_HEIGHT + " to " + MAX_PERSON_HEIGHT);
        checkArgument(maxPersonHeight >= minPersonHeight && maxPersonHeight <= MAX_PERSON_HEIGHT,
                "maxPersonHeight " + maxPersonHeight + " is out of range: use minPersonHeight (" + minPersonHeight + ") to " + MAX_PERSON_HEIGHT);
        checkArgument(maxRotationDegrees >= 0 && maxRotationDegrees <= MAX_ROTATION_DEGREES,
                "maxRotationDegrees " + maxRotationDegrees + " is out of range: use 0 to " + MAX_ROTATION_DEGREES);
        checkArgument(plainBackgroundShare >= 0 && plainBackgroundShare <= 1,
                "plainBackgroundShare " + plainBackgroundShare + " is out of range: use 0 to 1");
    }

    /** The rich generator's settings for a {@code width} x {@code height} image. */
    public static SceneSettings defaults(int width, int height) {
        return new SceneSettings(width, height, EnumSet.allOf(PoseFamily.class), 0.45, 0.9, 15, true, 0.3, OcclusionSettings.defaults());
    }

    /**
     * The simple preset, used by {@link SyntheticScenes#occludedPerson}: a front-facing adult
     * (standing, walking or arms raised), 55%–85% of the image height, wholly inside the image,
     * on a smooth gradient, behind one simple occluder hiding 15%–60%.
     */
    public static SceneSettings simple(int width, int height) {
        return new SceneSettings(width, height, EnumSet.of(PoseFamily.STANDING, PoseFamily.WALKING, PoseFamily.ARMS_RAISED),
                0.55, 0.85, 0, false, 1.0, OcclusionSettings.simple());
    }

    /** These settings with other occlusion settings. */
    public SceneSettings withOcclusion(OcclusionSettings newOcclusion) {
        return new SceneSettings(width, height, poses, minPersonHeight, maxPersonHeight, maxRotationDegrees, variedBodies,
                plainBackgroundShare, newOcclusion);
    }

    /** These settings with the visible share fixed (see {@link OcclusionSettings#targetVisibleRatio()}). */
    public SceneSettings withTargetVisibleRatio(double ratio) {
        return withOcclusion(occlusion.withTargetVisibleRatio(ratio));
    }

    /** These settings with RGBA cut-outs among the occluders. */
    public SceneSettings withCutouts(List<RgbaImage> cutouts) {
        return withOcclusion(occlusion.withCutouts(cutouts));
    }

    /** These settings with other pose families. */
    public SceneSettings withPoses(Set<PoseFamily> newPoses) {
        return new SceneSettings(width, height, newPoses, minPersonHeight, maxPersonHeight, maxRotationDegrees, variedBodies,
                plainBackgroundShare, occlusion);
    }

    /** These settings for another image size. */
    public SceneSettings withSize(int newWidth, int newHeight) {
        return new SceneSettings(newWidth, newHeight, poses, minPersonHeight, maxPersonHeight, maxRotationDegrees, variedBodies,
                plainBackgroundShare, occlusion);
    }
}
