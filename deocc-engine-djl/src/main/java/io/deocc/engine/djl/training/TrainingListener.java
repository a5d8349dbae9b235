package io.deocc.engine.djl.training;

import java.nio.file.Path;

/**
 * Callbacks from a training run, on the training thread; a CLI draws its progress bar from them.
 * Keep them quick: the next step waits for them.
 */
@FunctionalInterface
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = progress -> { };

    /** Called after every optimiser step. */
    void onStep(TrainingProgress progress);

    /** Called after a validation pass with the metric over the validation set (its name: {@link Training#metricName()}). */
    default void onValidation(long step, double metric) {
    }

    /** Called after a checkpoint was written; {@code cardFile} is the checkpoint's model card. */
    default void onCheckpoint(long step, Path cardFile) {
    }
}
