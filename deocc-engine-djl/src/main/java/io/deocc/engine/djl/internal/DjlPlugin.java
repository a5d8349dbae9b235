package io.deocc.engine.djl.internal;

import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.SegmenterFactory;
import java.util.List;

/**
 * The DJL engine's components, found with {@link java.util.ServiceLoader}. Constructing it is cheap:
 * libtorch and the weights load only when a factory creates a component.
 */
public final class DjlPlugin implements DeoccPlugin {
    /** The plugin's name. */
    public static final String NAME = "djl";

    /** Needed by ServiceLoader. */
    public DjlPlugin() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SegmenterFactory> segmenters() {
        return List.of(new DjlSegmenterFactory());
    }

    @Override
    public List<MaskCompleterFactory> maskCompleters() {
        return List.of(new DjlMaskCompleterFactory());
    }

    @Override
    public List<ContentRecovererFactory> contentRecoverers() {
        return List.of(new DjlContentRecovererFactory());
    }
}
