package io.deocc.mask.network;

import io.deocc.api.DeoccException;
import io.deocc.api.network.PersonCrop;
import io.deocc.api.spi.ComponentConfig;
import java.util.Set;

/**
 * The settings every engine's network mask completer reads, with the same keys and defaults.
 *
 * @param context crop side over the longer side of the person's box ({@value #CONTEXT_KEY}, default
 *     {@link PersonCrop#DEFAULT_CONTEXT}, 1 to 16)
 * @param threshold the probability at which a pixel counts as person ({@value #THRESHOLD_KEY}, default 0.5)
 * @param refineVisible whether a network's refined visible mask replaces the input mask
 *     ({@value #REFINE_VISIBLE_KEY}, default true; false keeps an exact input mask)
 */
public record MaskSettings(double context, double threshold, boolean refineVisible) {
    /** Setting: crop context factor. */
    public static final String CONTEXT_KEY = "context";
    /** Setting: probability threshold. */
    public static final String THRESHOLD_KEY = "threshold";
    /** Setting: whether the refined visible mask replaces the input mask. */
    public static final String REFINE_VISIBLE_KEY = "refine-visible";
    /** The keys {@link #fromConfig} reads. */
    public static final Set<String> KEYS = Set.of(CONTEXT_KEY, THRESHOLD_KEY, REFINE_VISIBLE_KEY);

    /** Validates the ranges. */
    public MaskSettings {
        DeoccException.checkArgument(Double.isFinite(context) && context >= 1 && context <= 16, "setting '" + CONTEXT_KEY
                + "' is " + context + ": give 1 to 16");
        DeoccException.checkArgument(threshold >= 0 && threshold <= 1, "setting '" + THRESHOLD_KEY + "' is " + threshold
                + ": give 0 to 1");
    }

    /** Reads the three settings; other keys are left to the caller's check. */
    public static MaskSettings fromConfig(ComponentConfig config) {
        DeoccException.checkNotNull(config, "config");
        return new MaskSettings(config.getDouble(CONTEXT_KEY, PersonCrop.DEFAULT_CONTEXT, 1.0, 16.0),
                config.getDouble(THRESHOLD_KEY, 0.5, 0.0, 1.0), config.getBoolean(REFINE_VISIBLE_KEY, true));
    }
}
