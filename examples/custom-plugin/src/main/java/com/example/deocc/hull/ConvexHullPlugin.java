package com.example.deocc.hull;

import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleterFactory;
import java.util.List;

/**
 * The plugin's root, found by {@link java.util.ServiceLoader}. It overrides only
 * {@link #maskCompleters()}: the other stages keep the interface's empty defaults.
 */
public final class ConvexHullPlugin implements DeoccPlugin {
    /** The plugin's name in listings. */
    public static final String NAME = "example-convex-hull";

    /** ServiceLoader needs a public no-argument constructor; it must stay cheap. */
    public ConvexHullPlugin() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<MaskCompleterFactory> maskCompleters() {
        return List.of(new ConvexHullCompleterFactory());
    }
}
