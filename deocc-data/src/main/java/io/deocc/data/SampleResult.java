package io.deocc.data;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;

/**
 * One item of a dataset as read: the sample, or why it was skipped. Readers never stop at a bad item;
 * they report it and go on, so an evaluation can count what it skipped.
 */
public sealed interface SampleResult permits SampleResult.Loaded, SampleResult.Skipped {
    /** A usable sample. */
    record Loaded(Sample sample) implements SampleResult {
        public Loaded {
            checkNotNull(sample, "sample");
        }
    }

    /**
     * An item that could not be used.
     *
     * @param itemId the item's id as far as known (e.g. {@code "line 17"} when even the id is unreadable)
     * @param line the 1-based line of the manifest (or 0 when the source has no lines)
     * @param error what was wrong, naming the file or field and the fix
     */
    record Skipped(String itemId, long line, DeoccException error) implements SampleResult, DatasetEntry.Result {
        public Skipped {
            checkNotNull(itemId, "itemId");
            checkNotNull(error, "error");
        }
    }
}
