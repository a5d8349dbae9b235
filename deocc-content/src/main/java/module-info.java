/**
 * Stage 2 logic that no engine owns: compositing the recovered person, content metrics, and the
 * pure-Java {@code reference} content recoverer (exemplar-based inpainting).
 */
module io.deocc.content {
    requires transitive io.deocc.api;
    requires org.slf4j;

    exports io.deocc.content.composite;
    exports io.deocc.content.network;
    exports io.deocc.content.metrics;

    provides io.deocc.api.spi.DeoccPlugin with io.deocc.content.internal.ContentReferencePlugin;
}
