/**
 * Datasets of occluded people: one documented on-disk layout ({@code manifest.jsonl} + PNGs), readers
 * for it, for COCO instance annotations and for folders of people with full masks, synthetic
 * benchmark and training sets, the typical pose-mask bank (k-means), and the evaluation harness.
 */
module io.deocc.data {
    requires transitive io.deocc.api;
    requires transitive io.deocc.synth;
    requires transitive io.deocc.mask;
    requires transitive io.deocc.content;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires commons.math3;

    exports io.deocc.data;
    exports io.deocc.data.eval;
    exports io.deocc.data.pose;
}
