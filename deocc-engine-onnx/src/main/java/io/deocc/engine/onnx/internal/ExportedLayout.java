package io.deocc.engine.onnx.internal;

import io.deocc.model.BackboneSpec;
import java.util.List;
import java.util.function.Function;

/**
 * The inputs and outputs {@code deocc export} gives a backbone's graph, bound by the backbone's name in
 * {@link LayoutModule}: how this engine knows what an exported network takes and returns.
 *
 * @param inputs the graph's inputs, in order, for a network built with a spec
 * @param outputs the graph's outputs, in order, for a network built with a spec
 */
record ExportedLayout(Function<BackboneSpec, List<Port>> inputs, Function<BackboneSpec, List<Port>> outputs) {
    /** The image input every exported graph starts with. */
    static Port image(BackboneSpec spec) {
        return new Port("input", spec.inputChannels());
    }

    /** The single output of most backbones. */
    static Port output(BackboneSpec spec) {
        return new Port("output", spec.outputChannels());
    }
}
