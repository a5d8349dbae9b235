package io.deocc.api.network;

import io.deocc.api.DeoccException;
import java.util.List;

/**
 * How input pixels were scaled before the network saw them: either {@link #UNIT} (values in [0, 1],
 * nothing subtracted) or one mean and one standard deviation per input channel, applied as
 * {@code (x - mean) / std} to the [0, 1] values.
 *
 * @param mean per-channel means; empty for {@link #UNIT}
 * @param std per-channel standard deviations, each positive; empty for {@link #UNIT}
 */
public record Normalisation(List<Double> mean, List<Double> std) {
    /** Plain [0, 1] inputs. */
    public static final Normalisation UNIT = new Normalisation(List.of(), List.of());
    /** Most channels a normalisation covers. */
    public static final int MAX_CHANNELS = 1024;

    /** Validates and copies both lists. */
    public Normalisation {
        DeoccException.checkNotNull(mean, "normalisation mean");
        DeoccException.checkNotNull(std, "normalisation std");
        DeoccException.checkArgument(mean.size() == std.size(), "field 'normalisation' has " + mean.size()
                + " means but " + std.size() + " standard deviations: give one of each per input channel");
        DeoccException.checkArgument(mean.size() <= MAX_CHANNELS, "field 'normalisation' has "
                + mean.size() + " channels: give at most " + MAX_CHANNELS);
        for (int i = 0; i < mean.size(); i++) {
            Double m = mean.get(i);
            Double s = std.get(i);
            DeoccException.checkArgument(m != null && Double.isFinite(m),
                    "field 'normalisation.mean' [" + i + "] is " + m + ": give a finite number");
            DeoccException.checkArgument(s != null && Double.isFinite(s) && s > 0,
                    "field 'normalisation.std' [" + i + "] is " + s + ": give a finite number above 0");
        }
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    /** Per-channel statistics; both lists must have the same, non-zero length. */
    public static Normalisation perChannel(List<Double> mean, List<Double> std) {
        DeoccException.checkNotNull(mean, "normalisation mean");
        DeoccException.checkArgument(!mean.isEmpty(),
                "per-channel normalisation needs at least one channel: use Normalisation.UNIT for none");
        return new Normalisation(mean, std);
    }

    /** Whether inputs are used as plain [0, 1] values. */
    public boolean isUnit() {
        return mean.isEmpty();
    }

    /** The number of channels the statistics cover; 0 for {@link #UNIT}. */
    public int channels() {
        return mean.size();
    }
}
