package io.deocc.synth;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.RgbaImage;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * How a person is occluded: the share of the body to hide, the kinds of occluder, and whether the
 * segmenter-like noisy mask is made. Shared by synthetic scenes ({@link SceneSettings#occlusion()})
 * and real people ({@link Occlusions#occlude}).
 *
 * <p>Shares are fractions of the person's whole-body (amodal) area inside the image.
 *
 * @param minHidden the least share hidden, {@value #MIN_HIDDEN_LIMIT} to {@value #MAX_HIDDEN_LIMIT}
 * @param maxHidden the largest share hidden, {@code minHidden} to {@value #MAX_HIDDEN_LIMIT}
 * @param targetVisibleRatio when present, the visible share to hit within
 *     ±{@value #VISIBLE_RATIO_TOLERANCE} (from {@code 1 - MAX_HIDDEN_LIMIT} to {@code 1 - MIN_HIDDEN_LIMIT});
 *     it replaces the {@code minHidden..maxHidden} range. Images smaller than about 96 pixels may
 *     miss the tolerance, because one row of pixels is then a large share of the body
 * @param kinds the occluder kinds to choose from; at least one other than {@link OccluderKind#BORDER};
 *     {@link OccluderKind#CUTOUT} needs {@code cutouts}
 * @param maxOccluders how many occluders (border truncation not counted) a sample may have, 1 to {@value #MAX_OCCLUDERS}
 * @param segmenterNoise whether to degrade the visible mask like an instance segmenter would; when
 *     false the "segmenter" mask equals the visible mask
 * @param cutouts RGBA occluders (for example objects cut out of photos), pasted with their alpha
 */
public record OcclusionSettings(double minHidden, double maxHidden, OptionalDouble targetVisibleRatio, Set<OccluderKind> kinds,
        int maxOccluders, boolean segmenterNoise, List<RgbaImage> cutouts) {
    /** The smallest hidden share that can be asked for. */
    public static final double MIN_HIDDEN_LIMIT = 0.02;
    /** The largest hidden share that can be asked for. */
    public static final double MAX_HIDDEN_LIMIT = 0.85;
    /** How far the visible share may land from {@link #targetVisibleRatio()}. */
    public static final double VISIBLE_RATIO_TOLERANCE = 0.03;
    /** The most occluders one sample may have. */
    public static final int MAX_OCCLUDERS = 4;
    /** The smallest cut-out side, in pixels. */
    public static final int MIN_CUTOUT_SIZE = 4;

    public OcclusionSettings {
        checkNotNull(targetVisibleRatio, "targetVisibleRatio");
        checkNotNull(kinds, "kinds");
        checkNotNull(cutouts, "cutouts");
        checkArgument(minHidden >= MIN_HIDDEN_LIMIT && minHidden <= MAX_HIDDEN_LIMIT,
                "minHidden " + minHidden + " is out of range: use " + MIN_HIDDEN_LIMIT + " to " + MAX_HIDDEN_LIMIT);
        checkArgument(maxHidden >= minHidden && maxHidden <= MAX_HIDDEN_LIMIT,
                "maxHidden " + maxHidden + " is out of range: use minHidden (" + minHidden + ") to " + MAX_HIDDEN_LIMIT);
        if (targetVisibleRatio.isPresent()) {
            double target = targetVisibleRatio.getAsDouble();
            double low = 1 - MAX_HIDDEN_LIMIT;
            double high = 1 - MIN_HIDDEN_LIMIT;
            checkArgument(target >= low - 1e-12 && target <= high + 1e-12,
                    "targetVisibleRatio " + target + " is out of range: use " + round(low) + " to " + round(high));
        }
        Checks.noNullElements(kinds, "occluder kinds", "list only OccluderKind values");
        // an EnumSet keeps enum order, so choosing a kind by index is the same on every run
        kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        checkArgument(kinds.stream().anyMatch(k -> k != OccluderKind.BORDER),
                "occluder kinds " + kinds + " have no occluder besides BORDER: add at least one of " + EnumSet.complementOf(EnumSet.of(OccluderKind.BORDER)));
        checkArgument(maxOccluders >= 1 && maxOccluders <= MAX_OCCLUDERS,
                "maxOccluders " + maxOccluders + " is out of range: use 1 to " + MAX_OCCLUDERS);
        for (int i = 0; i < cutouts.size(); i++) {
            RgbaImage cutout = cutouts.get(i);
            checkNotNull(cutout, "cutouts[" + i + "]");
            checkArgument(cutout.width() >= MIN_CUTOUT_SIZE && cutout.height() >= MIN_CUTOUT_SIZE,
                    "cut-out " + i + " is " + cutout.width() + "x" + cutout.height() + ": cut-outs must be at least "
                            + MIN_CUTOUT_SIZE + "x" + MIN_CUTOUT_SIZE + " pixels");
        }
        cutouts = List.copyOf(cutouts);
        checkArgument(!kinds.contains(OccluderKind.CUTOUT) || !cutouts.isEmpty(),
                "occluder kind CUTOUT needs cut-out images: pass at least one RGBA cut-out, or drop CUTOUT from the kinds");
    }

    /**
     * The rich default: 5%–70% hidden, every kind but cut-outs, up to two occluders, segmenter noise on.
     */
    public static OcclusionSettings defaults() {
        return new OcclusionSettings(0.05, 0.70, OptionalDouble.empty(),
                EnumSet.complementOf(EnumSet.of(OccluderKind.CUTOUT)), 2, true, List.of());
    }

    /** The simple preset: one box, pole, blob or wall hiding 15%–60%, as the original test scenes. */
    public static OcclusionSettings simple() {
        return new OcclusionSettings(0.15, 0.60, OptionalDouble.empty(),
                EnumSet.of(OccluderKind.BOX, OccluderKind.POLE, OccluderKind.BLOB, OccluderKind.WALL), 1, true, List.of());
    }

    /** These settings with the visible share fixed to {@code ratio} (see {@link #targetVisibleRatio()}). */
    public OcclusionSettings withTargetVisibleRatio(double ratio) {
        return new OcclusionSettings(minHidden, maxHidden, OptionalDouble.of(ratio), kinds, maxOccluders, segmenterNoise, cutouts);
    }

    /** These settings with another hidden-share range and no target. */
    public OcclusionSettings withHiddenRange(double min, double max) {
        return new OcclusionSettings(min, max, OptionalDouble.empty(), kinds, maxOccluders, segmenterNoise, cutouts);
    }

    /** These settings with other occluder kinds. */
    public OcclusionSettings withKinds(Set<OccluderKind> newKinds) {
        return new OcclusionSettings(minHidden, maxHidden, targetVisibleRatio, newKinds, maxOccluders, segmenterNoise, cutouts);
    }

    /** These settings with RGBA cut-outs added as an occluder kind ({@link OccluderKind#CUTOUT}). */
    public OcclusionSettings withCutouts(List<RgbaImage> images) {
        checkNotNull(images, "cutouts");
        EnumSet<OccluderKind> newKinds = EnumSet.copyOf(kinds);
        if (!images.isEmpty()) {
            newKinds.add(OccluderKind.CUTOUT);
        } else {
            newKinds.remove(OccluderKind.CUTOUT);
        }
        return new OcclusionSettings(minHidden, maxHidden, targetVisibleRatio, newKinds, maxOccluders, segmenterNoise, images);
    }

    /** These settings with the segmenter noise switched on or off. */
    public OcclusionSettings withSegmenterNoise(boolean noise) {
        return new OcclusionSettings(minHidden, maxHidden, targetVisibleRatio, kinds, maxOccluders, noise, cutouts);
    }

    /** These settings with another occluder count limit. */
    public OcclusionSettings withMaxOccluders(int count) {
        return new OcclusionSettings(minHidden, maxHidden, targetVisibleRatio, kinds, count, segmenterNoise, cutouts);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
