package io.deocc.engine.onnx.internal;

import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.SegmenterFactory;
import java.util.List;

/**
 * The ONNX Runtime engine's components, found with {@link java.util.ServiceLoader}. Constructing it is
 * cheap: ONNX Runtime and the models load only when a factory creates a component.
 */
public final class OnnxPlugin implements DeoccPlugin {
    /** The plugin's name. */
    public static final String NAME = "onnx";

    /** Needed by ServiceLoader. */
    public OnnxPlugin() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SegmenterFactory> segmenters() {
        return List.of(new OnnxSegmenterFactory(), new YoloSegmenterFactory());
    }

    @Override
    public List<MaskCompleterFactory> maskCompleters() {
        return List.of(new OnnxMaskCompleterFactory());
    }

    @Override
    public List<ContentRecovererFactory> contentRecoverers() {
        return List.of(new OnnxContentRecovererFactory());
    }
}
