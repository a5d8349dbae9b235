package io.deocc.api.spi;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.ResourceLimits;

/**
 * Services the host offers to components it creates. New services arrive as default methods, so
 * plugins compiled against an older API keep working.
 */
public interface PluginContext {
    /** The limits components must respect (largest image, most people). */
    ResourceLimits limits();

    /** A context with the given limits. */
    static PluginContext of(ResourceLimits limits) {
        checkNotNull(limits, "limits");
        return () -> limits;
    }

    /** A context with {@link ResourceLimits#defaults()}. */
    static PluginContext defaults() {
        return of(ResourceLimits.defaults());
    }
}
