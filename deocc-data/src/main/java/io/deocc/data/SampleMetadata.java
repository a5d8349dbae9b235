package io.deocc.data;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Informative facts about a sample that a manifest line may carry besides its files; readers do not
 * need them.
 *
 * @param seed the generator seed the sample was made from, when synthetic
 * @param source where the sample came from, free text (e.g. {@code "synth bench-mask"})
 */
public record SampleMetadata(OptionalLong seed, Optional<String> source) {
    /** The longest source text accepted. */
    public static final int MAX_SOURCE_CHARS = DatasetLayout.MAX_VALUE_CHARS;

    public SampleMetadata {
        checkNotNull(seed, "seed");
        checkNotNull(source, "source");
        source.ifPresent(s -> checkArgument(s.length() <= MAX_SOURCE_CHARS && s.indexOf('\n') < 0 && s.indexOf('\r') < 0,
                "sample source text of " + s.length() + " characters is not accepted: give one line of at most "
                        + MAX_SOURCE_CHARS + " characters"));
    }

    /** No metadata. */
    public static SampleMetadata none() {
        return new SampleMetadata(OptionalLong.empty(), Optional.empty());
    }

    /** A synthetic sample's seed and source. */
    public static SampleMetadata synthetic(long seed, String source) {
        return new SampleMetadata(OptionalLong.of(seed), Optional.of(checkNotNull(source, "source")));
    }
}
