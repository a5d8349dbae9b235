package io.deocc.engine.djl.training;

import io.deocc.api.DeoccException;
import java.time.Duration;

/**
 * One finished optimiser step, as reported to a {@link TrainingListener}.
 *
 * @param step the number of steps done so far, counting those before a resume (1 after the first step)
 * @param totalSteps the step count the run stops at
 * @param loss the step's loss on its batch
 * @param elapsed wall time since this run (not the resumed one) started
 */
public record TrainingProgress(long step, long totalSteps, double loss, Duration elapsed) {
    /** Validates the counts and rejects a null duration. */
    public TrainingProgress {
        DeoccException.checkArgument(step >= 1 && step <= totalSteps, "step " + step + " is out of range: give 1 to "
                + totalSteps);
        DeoccException.checkNotNull(elapsed, "elapsed");
    }
}
