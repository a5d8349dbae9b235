package io.deocc.mask.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.SegmenterFactory;

/** PLACEHOLDER — to be replaced by its owner. */
public final class CocoJsonSegmenterFactory implements SegmenterFactory {
    @Override public String name() { throw new UnsupportedOperationException(); }
    @Override public ComponentDescriptor descriptor() { throw new UnsupportedOperationException(); }
    @Override public Segmenter create(ComponentConfig config, PluginContext context) { throw new UnsupportedOperationException(); }
}
