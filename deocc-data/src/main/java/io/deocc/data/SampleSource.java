package io.deocc.data;

import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A dataset read lazily: items are decoded as the stream is consumed, so a 100 000-sample dataset
 * never sits in memory. Close the source (and the stream) to release open files.
 */
public interface SampleSource extends AutoCloseable {
    /** What this source reads, for messages and reports, e.g. the dataset folder. */
    String description();

    /** The number of items, when known without reading them. */
    OptionalLong size();

    /** The items in a fixed order; a bad item is a {@link SampleResult.Skipped}, never an exception. */
    Stream<SampleResult> stream();

    @Override
    void close();
}
