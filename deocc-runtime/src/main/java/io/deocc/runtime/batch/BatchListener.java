package io.deocc.runtime.batch;

/**
 * Hears about items as a batch goes, e.g. to draw a progress bar. Called from worker threads, so
 * implementations must be thread-safe; what they throw is logged and ignored.
 */
public interface BatchListener {
    /** A listener that ignores everything. */
    BatchListener NONE = new BatchListener() { };

    /** The item is about to be checked against the index and, unless done before, processed. */
    default void itemStarted(BatchItem item) {}

    /** The item ended, whatever its status; every item of a batch gets exactly one call. */
    default void itemFinished(ItemOutcome outcome) {}
}
