package io.deocc.mask.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import java.util.Set;

/**
 * Creates the {@code visible-only} mask completer, a baseline for evaluations: it predicts that
 * nothing is hidden (amodal = refined visible = the input visible mask). Its amodal IoU against the
 * ground truth equals each person's visible ratio, the floor any real completer has to beat. It has
 * no settings and is never chosen as a stage's default.
 */
public final class VisibleOnlyMaskCompleterFactory implements MaskCompleterFactory {
    static final String NAME = "visible-only";
    /** Far below every real completer: a baseline must never become the default by being the only one. */
    static final int PRIORITY = -100;

    private static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, Stage.MASK_COMPLETION, "identity", "java", 0,
            true, Set.of("baseline"),
            "Baseline for evaluations: the amodal mask is the visible mask (the 'amodal = visible' floor); not meant for real use.");

    /** Needed by ServiceLoader. */
    public VisibleOnlyMaskCompleterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public MaskCompleter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        config.requireOnly(NAME, Set.of());
        return new VisibleOnlyMaskCompleter(DESCRIPTOR, checkNotNull(context.limits(), "context limits"));
    }

    @Override
    public int defaultPriority() {
        return PRIORITY;
    }
}
