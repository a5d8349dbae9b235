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
 * Creates the pure-Java {@code reference} content recoverer: patch-based exemplar inpainting that
 * paints a person's hidden region from that person's own visible pixels, body part by body part
 * when parsing maps are available.
 *
 * <p>Settings: {@code patch-size} (odd, 3 to 15, default 9), {@code search-radius} (pixels, default
 * 48), {@code max-candidates} (source patches compared per hole patch, default 300),
 * {@code use-parsing} (default true).
 */
public final class ReferenceContentRecovererFactory implements ContentRecovererFactory {
    /** The name users select this recoverer by. */
    public static final String NAME = "reference";

    private static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, Stage.CONTENT_RECOVERY,
            "exemplar-inpainting", "java", 0, true, Set.of("parsing-guided"),
            "Paints the hidden body by copying patches from the person's own visible pixels, matched per body part when parsing is known.");

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
        ExemplarSettings settings = ExemplarSettings.from(config, NAME);
        return new ReferenceContentRecoverer(DESCRIPTOR, settings, checkNotNull(context.limits(), "context limits"));
    }
}
