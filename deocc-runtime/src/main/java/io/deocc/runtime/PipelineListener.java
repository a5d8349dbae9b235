package io.deocc.runtime;

import io.deocc.api.model.PersonFailure;
import io.deocc.api.model.PersonResult;

/**
 * Observes a pipeline's progress, e.g. for progress bars or metrics. Called on the thread that runs
 * the image. Exceptions thrown by a listener are logged and otherwise ignored.
 */
public interface PipelineListener {
    default void personDone(PersonResult result) {}

    default void personFailed(PersonFailure failure) {}
}
