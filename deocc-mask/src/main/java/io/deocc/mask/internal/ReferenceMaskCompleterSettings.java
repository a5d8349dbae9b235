package io.deocc.mask.internal;

import static io.deocc.api.DeoccException.checkArgument;

/**
 * The tunable numbers of the {@code reference} completer; see {@link ReferenceMaskCompleterFactory}
 * for what each means.
 *
 * @param hiddenWeight cost per template pixel that may be hidden (λ), below the background cost
 * @param backgroundWeight cost per template pixel on clear background
 * @param missWeight cost per visible pixel the template leaves uncovered
 * @param maxScale a side of the visible box moves outwards by at most {@code maxScale − 1} times its longer side
 * @param useImage whether the image's colours separate background from possible occluders
 */
record ReferenceMaskCompleterSettings(double hiddenWeight, double backgroundWeight, double missWeight, double maxScale, boolean useImage) {
    static final double DEFAULT_HIDDEN_WEIGHT = 0.05;
    static final double DEFAULT_MAX_SCALE = 3.0;

    ReferenceMaskCompleterSettings {
        checkArgument(hiddenWeight >= 0 && hiddenWeight < backgroundWeight,
                "hidden weight " + hiddenWeight + " must be at least 0 and below the background weight " + backgroundWeight);
        checkArgument(missWeight >= 0 && Double.isFinite(missWeight), "miss weight " + missWeight + " must be a finite number >= 0");
        checkArgument(maxScale >= 1 && maxScale <= 8, "max scale " + maxScale + " must be from 1 to 8");
    }

    static ReferenceMaskCompleterSettings defaults() {
        return new ReferenceMaskCompleterSettings(DEFAULT_HIDDEN_WEIGHT, 1.0, 1.0, DEFAULT_MAX_SCALE, true);
    }
}
