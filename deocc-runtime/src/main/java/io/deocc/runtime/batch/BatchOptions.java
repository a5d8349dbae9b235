package io.deocc.runtime.batch;

import static io.deocc.api.DeoccException.checkArgument;

/**
 * How a batch runs.
 *
 * @param workers items processed at once, at least 1 (default: the available processors)
 * @param resume whether items recorded as done in the output folder's index, with unchanged inputs,
 *     configuration and outputs, are skipped (default true); false redoes every item
 */
public record BatchOptions(int workers, boolean resume) {
    /** More workers than this only add threads that wait on each other. */
    public static final int MAX_WORKERS = 1024;

    public BatchOptions {
        checkArgument(workers >= 1 && workers <= MAX_WORKERS, "workers is " + workers + ": give a number from 1 to " + MAX_WORKERS
                + " (items processed at once; the number of processor cores is a good start)");
    }

    /** One worker per available processor, resuming. */
    public static BatchOptions defaults() {
        return new BatchOptions(Runtime.getRuntime().availableProcessors(), true);
    }

    public BatchOptions withWorkers(int count) {
        return new BatchOptions(count, resume);
    }

    public BatchOptions withResume(boolean enabled) {
        return new BatchOptions(workers, enabled);
    }
}
