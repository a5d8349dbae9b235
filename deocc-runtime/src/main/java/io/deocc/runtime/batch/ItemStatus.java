package io.deocc.runtime.batch;

/** How one item of a batch ended. */
public enum ItemStatus {
    /** Processed now; its folder is complete and recorded in the index. */
    DONE,
    /** Recorded as done by an earlier run with the same inputs and configuration, and its files are intact. */
    SKIPPED_DONE_BEFORE,
    /** Failed with an error; nothing of it was committed. */
    FAILED,
    /** Took longer than the pipeline's item timeout; nothing of it was committed. */
    TIMED_OUT,
    /** Not attempted because the batch stopped early (the output folder became unusable). */
    NOT_RUN;

    /** Whether the item's outputs are in place: done now or before. */
    public boolean succeeded() {
        return this == DONE || this == SKIPPED_DONE_BEFORE;
    }
}
