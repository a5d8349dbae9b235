package io.deocc.content.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import java.util.Set;

/**
 * Settings of the exemplar inpainter behind the {@code reference} content recoverer.
 *
 * @param patchSize side of the square patches that are matched and copied; odd, 3 to 15
 * @param searchRadius how far (in pixels, Chebyshev distance) from a hole patch source patches are
 *     looked for first; sources further away are used only when none lies this close
 * @param maxCandidates how many source patches are compared per hole patch at most; more is slower
 *     and closer to an exhaustive search
 * @param useParsing whether parsing maps, when the masks carry them, restrict sources to the same body part
 */
record ExemplarSettings(int patchSize, int searchRadius, int maxCandidates, boolean useParsing) {
    static final String PATCH_SIZE = "patch-size";
    static final String SEARCH_RADIUS = "search-radius";
    static final String MAX_CANDIDATES = "max-candidates";
    static final String USE_PARSING = "use-parsing";
    static final Set<String> KEYS = Set.of(PATCH_SIZE, SEARCH_RADIUS, MAX_CANDIDATES, USE_PARSING);

    static final int DEFAULT_PATCH_SIZE = 9;
    static final int DEFAULT_SEARCH_RADIUS = 48;
    static final int DEFAULT_MAX_CANDIDATES = 300;

    ExemplarSettings {
        if (patchSize < 3 || patchSize > 15 || patchSize % 2 == 0) {
            throw invalid(PATCH_SIZE, patchSize, "an odd integer from 3 to 15");
        }
        if (searchRadius < 1 || searchRadius > 4096) {
            throw invalid(SEARCH_RADIUS, searchRadius, "an integer from 1 to 4096");
        }
        if (maxCandidates < 1 || maxCandidates > 100_000) {
            throw invalid(MAX_CANDIDATES, maxCandidates, "an integer from 1 to 100000");
        }
    }

    static ExemplarSettings defaults() {
        return new ExemplarSettings(DEFAULT_PATCH_SIZE, DEFAULT_SEARCH_RADIUS, DEFAULT_MAX_CANDIDATES, true);
    }

    /** Reads and validates the settings; unknown keys fail so that a typo is not ignored. */
    static ExemplarSettings from(ComponentConfig config, String component) {
        checkNotNull(config, "config");
        config.requireOnly(component, KEYS);
        int patchSize = config.getInt(PATCH_SIZE, DEFAULT_PATCH_SIZE, 3, 15);
        if (patchSize % 2 == 0) {
            throw invalid(PATCH_SIZE, patchSize, "an odd integer from 3 to 15");
        }
        return new ExemplarSettings(patchSize,
                config.getInt(SEARCH_RADIUS, DEFAULT_SEARCH_RADIUS, 1, 4096),
                config.getInt(MAX_CANDIDATES, DEFAULT_MAX_CANDIDATES, 1, 100_000),
                config.getBoolean(USE_PARSING, true));
    }

    int patchRadius() {
        return patchSize / 2;
    }

    private static DeoccException invalid(String key, int value, String expected) {
        return new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + key + "' is '" + value + "': expected " + expected);
    }
}
