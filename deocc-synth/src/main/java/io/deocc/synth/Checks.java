package io.deocc.synth;

import static io.deocc.api.DeoccException.checkArgument;

import java.util.Collection;

/** Argument checks shared by the settings records. */
final class Checks {
    private Checks() {}

    /** Rejects a null element; iterating (rather than {@code contains(null)}) works for immutable collections too. */
    static void noNullElements(Collection<?> values, String what, String fix) {
        for (Object value : values) {
            checkArgument(value != null, what + " contain null: " + fix);
        }
    }
}
