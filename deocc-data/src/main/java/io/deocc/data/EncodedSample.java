package io.deocc.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sample turned into the bytes of its PNG files and its manifest line, ready for
 * {@link DatasetWriter#write(EncodedSample)}. Made by {@link DatasetWriter#encode}, which is
 * thread-safe, so encoding can run in parallel while one thread writes in order. Immutable.
 */
public final class EncodedSample {
    private final ManifestEntry entry;
    private final Map<String, byte[]> files;

    EncodedSample(ManifestEntry entry, Map<String, byte[]> files) {
        this.entry = entry;
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The sample's id. */
    public String id() {
        return entry.id();
    }

    /** The manifest line's content. */
    public ManifestEntry entry() {
        return entry;
    }

    /** Total size of the PNG files in bytes. */
    public long bytes() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    /** Relative path to PNG bytes; the arrays are never handed out. */
    Map<String, byte[]> files() {
        return files;
    }
}
