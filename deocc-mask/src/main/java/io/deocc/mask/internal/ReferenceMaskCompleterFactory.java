package io.deocc.mask.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;

/** PLACEHOLDER — to be replaced by its owner. */
public final class ReferenceMaskCompleterFactory implements MaskCompleterFactory {
    @Override public String name() { throw new UnsupportedOperationException(); }
    @Override public ComponentDescriptor descriptor() { throw new UnsupportedOperationException(); }
    @Override public MaskCompleter create(ComponentConfig config, PluginContext context) { throw new UnsupportedOperationException(); }
}
