package io.deocc.runtime.batch;

import io.deocc.api.image.RgbImage;
import io.deocc.api.model.DeoccResult;
import java.io.IOException;

/**
 * Writes what a batch keeps of one item. Called from worker threads at the same time for different
 * items, so implementations must be thread-safe (stateless ones are). The files go to
 * {@link ItemFiles}; nothing is visible in the output folder until the item is committed as a whole.
 */
@FunctionalInterface
public interface ItemWriter {
    /**
     * Writes the item's files.
     *
     * @param files where the files go
     * @param item the item
     * @param image the item's decoded image
     * @param result the pipeline's result; every person in it succeeded and there is at least one
     */
    void write(ItemFiles files, BatchItem item, RgbImage image, DeoccResult result) throws IOException;

    /**
     * A name for what this writer produces, part of the configuration checksum of every index entry:
     * change it when the files written change, so that resumed batches redo items written before.
     * (Not the class name by default: a lambda's class name changes from one run to the next.)
     */
    default String outputFormat() {
        return "default";
    }
}
