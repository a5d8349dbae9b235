package io.deocc.mask.network;

import io.deocc.api.DeoccException;
import io.deocc.api.ResourceLimits;
import io.deocc.api.spi.ComponentConfig;
import java.util.Set;

/**
 * The settings every engine's network segmenter reads, with the same keys and defaults
 * ({@link SegmentationNetwork#people} uses them).
 *
 * @param threshold person probability cut ({@value #THRESHOLD_KEY}, default 0.5)
 * @param minArea smallest person as a fraction of the image's area ({@value #MIN_AREA_KEY}, default 0.002:
 *     614 pixels of a 640×480 photo)
 * @param maxPeople most people returned, the largest kept ({@value #MAX_PEOPLE_KEY}, default 32 or the
 *     context's {@link ResourceLimits#maxPeople()} when lower, at most that limit)
 */
public record SegmentationSettings(double threshold, double minArea, int maxPeople) {
    /** Setting: person probability threshold. */
    public static final String THRESHOLD_KEY = "threshold";
    /** Setting: smallest person, as a fraction of the image's area. */
    public static final String MIN_AREA_KEY = "min-area";
    /** Setting: most people returned. */
    public static final String MAX_PEOPLE_KEY = "max-people";
    /** The keys {@link #fromConfig} reads. */
    public static final Set<String> KEYS = Set.of(THRESHOLD_KEY, MIN_AREA_KEY, MAX_PEOPLE_KEY);
    /** Default most people. */
    public static final int DEFAULT_MAX_PEOPLE = 32;

    /** Validates the ranges. */
    public SegmentationSettings {
        DeoccException.checkArgument(threshold >= 0 && threshold <= 1, "setting '" + THRESHOLD_KEY + "' is " + threshold
                + ": give 0 to 1");
        DeoccException.checkArgument(minArea >= 0 && minArea <= 1, "setting '" + MIN_AREA_KEY + "' is " + minArea
                + ": give 0 to 1");
        DeoccException.checkArgument(maxPeople >= 1, "setting '" + MAX_PEOPLE_KEY + "' is " + maxPeople + ": give at least 1");
    }

    /** Reads the three settings under the context's limits; other keys are left to the caller's check. */
    public static SegmentationSettings fromConfig(ComponentConfig config, ResourceLimits limits) {
        DeoccException.checkNotNull(config, "config");
        DeoccException.checkNotNull(limits, "limits");
        return new SegmentationSettings(config.getDouble(THRESHOLD_KEY, 0.5, 0.0, 1.0),
                config.getDouble(MIN_AREA_KEY, 0.002, 0.0, 1.0),
                config.getInt(MAX_PEOPLE_KEY, Math.min(DEFAULT_MAX_PEOPLE, limits.maxPeople()), 1, limits.maxPeople()));
    }
}
