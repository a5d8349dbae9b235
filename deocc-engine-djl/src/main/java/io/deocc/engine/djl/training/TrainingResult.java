package io.deocc.engine.djl.training;

import io.deocc.api.DeoccException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a training run ({@link Training#run}) ended with.
 *
 * @param finalStep the step count reached, counting steps before a resume
 * @param lastLoss the loss of the last step run; NaN when the run had no step left to do
 * @param lastCheckpoint the card of the last checkpoint written by this run, if any
 * @param lastValidation the last validation's metric (named by {@link Training#metricName()}), if a validation ran
 */
public record TrainingResult(long finalStep, double lastLoss, Optional<Path> lastCheckpoint,
        OptionalDouble lastValidation) {
    /** Rejects nulls and a negative step. */
    public TrainingResult {
        DeoccException.checkArgument(finalStep >= 0, "final step " + finalStep + " is negative: give 0 or more");
        DeoccException.checkNotNull(lastCheckpoint, "lastCheckpoint");
        DeoccException.checkNotNull(lastValidation, "lastValidation");
    }
}
