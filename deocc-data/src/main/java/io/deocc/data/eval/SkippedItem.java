package io.deocc.data.eval;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.ErrorCode;

/**
 * An item that was not scored, and why.
 *
 * @param index the item's 0-based position in the dataset
 * @param id the item's id as far as known
 * @param line the manifest line (1-based), or 0 when unknown
 * @param phase where it failed
 * @param code the error's code
 * @param reason the error's message, which names the problem and the fix
 */
public record SkippedItem(long index, String id, long line, Phase phase, ErrorCode code, String reason) {
    /** Where an item failed. */
    public enum Phase {
        /** The dataset reader could not load it. */
        READ("read"),
        /** The mask completer (or scoring its masks) failed. */
        MASK("mask"),
        /** The content recoverer (or scoring its content) failed. */
        CONTENT("content");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** Lowercase name for reports. */
        public String label() {
            return label;
        }
    }

    public SkippedItem {
        checkArgument(index >= 0, "item index " + index + " is negative: count items from 0");
        checkNotNull(id, "id");
        checkArgument(line >= 0, "line " + line + " is negative: use 0 when unknown");
        checkNotNull(phase, "phase");
        checkNotNull(code, "code");
        checkNotNull(reason, "reason");
    }
}
