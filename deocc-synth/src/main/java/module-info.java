/**
 * Synthetic occluded people: a procedural, articulated 2-D human with LIP parsing labels, occluders,
 * and the ground truth a de-occlusion method is scored against. Every sample is a pure function of
 * its seed. Used by the testkit's contract tests and by the data module's training and benchmark sets.
 */
module io.deocc.synth {
    requires transitive io.deocc.api;

    exports io.deocc.synth;
}
