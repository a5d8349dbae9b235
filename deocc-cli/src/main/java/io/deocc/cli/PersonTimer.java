package io.deocc.cli;

import io.deocc.api.model.PersonFailure;
import io.deocc.api.model.PersonResult;
import io.deocc.runtime.PipelineListener;
import java.util.HashMap;
import java.util.Map;

/**
 * Measures each person's processing time from the pipeline's callbacks. The pipeline processes the
 * people of an image one after another on the calling thread, so the time between two callbacks is
 * the later person's time.
 */
final class PersonTimer implements PipelineListener {
    private final Map<Integer, Long> elapsedNanos = new HashMap<>();
    private long mark = System.nanoTime();

    /** Call right before the pipeline starts on the people. */
    void start() {
        mark = System.nanoTime();
    }

    @Override
    public void personDone(PersonResult result) {
        record(result.person().id());
    }

    @Override
    public void personFailed(PersonFailure failure) {
        record(failure.personId());
    }

    private void record(int personId) {
        long now = System.nanoTime();
        elapsedNanos.put(personId, now - mark);
        mark = now;
    }

    /** The person's processing time in milliseconds, or -1 when it was not seen. */
    long elapsedMillis(int personId) {
        Long nanos = elapsedNanos.get(personId);
        return nanos == null ? -1 : Math.round(nanos / 1e6);
    }
}
