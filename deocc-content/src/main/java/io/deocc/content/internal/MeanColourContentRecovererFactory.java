package io.deocc.content.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import java.util.Set;

/**
 * Creates the {@code mean-colour} content recoverer, a baseline for evaluations: it fills the whole
 * hidden region with one colour, the mean of the person's visible pixels. Any recoverer that paints
 * texture or body parts should beat it. It has no settings and is never chosen as a stage's default.
 */
public final class MeanColourContentRecovererFactory implements ContentRecovererFactory {
    static final String NAME = "mean-colour";
    /** Far below every real recoverer: a baseline must never become the default by being the only one. */
    static final int PRIORITY = -100;

    private static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, Stage.CONTENT_RECOVERY, "mean-colour-fill",
            "java", 0, true, Set.of("baseline"),
            "Baseline for evaluations: fills the hidden body with the mean colour of the person's visible pixels; not meant for real use.");

    /** Needed by ServiceLoader. */
    public MeanColourContentRecovererFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ContentRecoverer create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        config.requireOnly(NAME, Set.of());
        return new MeanColourContentRecoverer(DESCRIPTOR, checkNotNull(context.limits(), "context limits"));
    }

    @Override
    public int defaultPriority() {
        return PRIORITY;
    }
}
