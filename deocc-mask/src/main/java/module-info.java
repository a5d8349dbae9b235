/**
 * Stage 1 logic that no engine owns: cropping and resizing around a person, the typical pose-mask
 * bank, COCO annotation decoding, mask metrics, and the pure-Java reference components
 * ({@code mask-file} and {@code coco-json} segmenters, the {@code reference} mask completer).
 */
module io.deocc.mask {
    requires transitive io.deocc.api;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports io.deocc.mask.pose;
    exports io.deocc.mask.coco;
    exports io.deocc.mask.network;
    exports io.deocc.mask.metrics;
    exports io.deocc.mask.region;

    provides io.deocc.api.spi.DeoccPlugin with io.deocc.mask.internal.MaskReferencePlugin;
}
