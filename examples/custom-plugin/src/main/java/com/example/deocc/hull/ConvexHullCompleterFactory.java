package com.example.deocc.hull;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import java.util.Set;

/**
 * Creates {@code convex-hull} mask completers.
 *
 * <p>Settings (given as {@code mask-completer.<key>=<value>} in a pipeline configuration, or
 * {@code --set} on the command line):
 * <ul>
 *   <li>{@value #MARGIN}: grow the hull by this many pixels on every side, 0 (default) to
 *       {@value ConvexHull#MAX_MARGIN}. Hidden hands and feet often stick out a little past the
 *       hull of what is visible.</li>
 * </ul>
 */
public final class ConvexHullCompleterFactory implements MaskCompleterFactory {
    /** The name users select the completer by. */
    public static final String NAME = "convex-hull";
    /** The margin setting's key. */
    public static final String MARGIN = "margin";

    private static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, Stage.MASK_COMPLETION,
            "convex-hull", "java", 0, true, Set.of(),
            "Amodal mask = visible mask plus its convex hull; an example plugin, no training needed.");

    /** Cheap: the host constructs every factory it finds, selected or not. */
    public ConvexHullCompleterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * @throws io.deocc.api.DeoccException {@code INVALID_CONFIG} for a setting other than
     *     {@value #MARGIN} or a margin outside 0 to {@value ConvexHull#MAX_MARGIN}
     */
    @Override
    public MaskCompleter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        config.requireOnly(NAME, Set.of(MARGIN));
        int margin = config.getInt(MARGIN, 0, 0, ConvexHull.MAX_MARGIN);
        return new ConvexHullCompleter(DESCRIPTOR, margin, context.limits());
    }

    /**
     * Below the reference completer's 0: a pipeline that names no completer should not silently
     * switch to an example just because its jar is present.
     */
    @Override
    public int defaultPriority() {
        return -10;
    }
}
