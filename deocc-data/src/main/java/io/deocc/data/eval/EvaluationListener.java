package io.deocc.data.eval;

import java.util.OptionalLong;

/** Hears about an evaluation's progress, e.g. to draw a progress bar. Called from one thread at a time. */
@FunctionalInterface
public interface EvaluationListener {
    /**
     * One more item was scored or skipped.
     *
     * @param done items finished so far
     * @param total the number of items to evaluate, when known in advance
     */
    void itemDone(long done, OptionalLong total);

    /** A listener that ignores everything. */
    static EvaluationListener none() {
        return (done, total) -> { };
    }
}
