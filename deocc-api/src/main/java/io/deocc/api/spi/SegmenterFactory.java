package io.deocc.api.spi;

/** Creates {@link Segmenter}s. */
public interface SegmenterFactory extends ComponentFactory<Segmenter> {}
