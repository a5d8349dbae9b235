/**
 * Inference of exported and foreign ONNX networks with ONNX Runtime, through DJL's OnnxRuntime engine:
 * the mask completer, content recoverer and learned segmenter of the paper's networks as exported by
 * {@code deocc export}, foreign networks described by a model card, and YOLO-style instance
 * segmentation models. Pre- and post-processing are the stages' own ({@code io.deocc.mask.network},
 * {@code io.deocc.content.network}); this module only runs the forward pass.
 */
module io.deocc.engine.onnx {
    requires transitive io.deocc.api;
    requires io.deocc.mask;
    requires io.deocc.content;
    requires io.deocc.model;
    requires ai.djl.api;
    // resolved explicitly: nothing else names the engine, and DJL finds it with ServiceLoader
    requires ai.djl.onnxruntime_engine;
    requires com.google.guice;
    // Guice is an automatic module and cannot declare that it needs jakarta.inject itself
    requires jakarta.inject;
    requires org.slf4j;
    // the ONNX protobuf classes (ai.onnx.proto), to read a model's signature before a session exists
    requires org.tribuo.util.onnx;
    requires com.google.protobuf;

    exports io.deocc.engine.onnx;

    // Guice reflects on the binding module and the bound network layouts
    opens io.deocc.engine.onnx.internal to com.google.guice;

    uses ai.djl.engine.EngineProvider;

    provides io.deocc.api.spi.DeoccPlugin with io.deocc.engine.onnx.internal.OnnxPlugin;
}
