package io.deocc.runtime.batch;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an {@link ItemWriter} puts an item's files: a private staging folder that becomes the
 * item's folder {@code OUT/<id>/} only when everything was written. Each file's bytes pass through
 * the batch, which checksums them and flushes them to disk when the stream is closed.
 */
public interface ItemFiles {
    /**
     * Creates one new file.
     *
     * @param relativePath a {@code /}-separated path inside the item's folder, e.g. {@code person-1/amodal.png};
     *     every segment a safe name (letters, digits, {@code .}, {@code _}, {@code -}; not {@code .} or {@code ..})
     * @return a stream the writer must close; the file counts as written only once it is closed
     * @throws IOException when the file cannot be created, e.g. the disk is full
     * @throws io.deocc.api.DeoccException {@code INVALID_ARGUMENT} for a path that is unsafe or already written,
     *     {@code TIMEOUT} when the item has run out of time
     */
    OutputStream create(String relativePath) throws IOException;
}
