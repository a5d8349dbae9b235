/**
 * The paper's networks as DJL blocks on DJL's PyTorch engine (libtorch on the CPU): a registry of
 * backbones bound by name with Guice, the U-Net backbone, and the lazy, offline engine loader.
 *
 * <p>DJL's jars are automatic modules ({@code ai.djl.api}, {@code ai.djl.pytorch_engine}). The
 * libtorch natives jar ({@code pytorch-native-cpu}) has an automatic name with a hyphen, which is not
 * a legal module name, so it stays on the class path; DJL finds the natives there as resources.
 */
// Backbone.build returns a DJL Block, so DJL's API is part of this module's API despite being automatic
@SuppressWarnings("requires-transitive-automatic")
module io.deocc.engine.djl {
    requires transitive io.deocc.api;
    requires transitive ai.djl.api;
    requires io.deocc.mask;
    requires io.deocc.content;
    // model cards are part of this engine's API (ModelFiles.load returns a card)
    requires transitive io.deocc.model;
    // training reads samples from io.deocc.data sources; the training API exposes them
    requires transitive io.deocc.data;
    // resolved explicitly: nothing else in a module graph names the engine, and DJL finds it with ServiceLoader
    requires ai.djl.pytorch_engine;
    requires com.google.guice;
    // Guice is an automatic module and cannot declare that it needs jakarta.inject itself
    requires jakarta.inject;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    // ONNX export: the ONNX protobuf classes (ai.onnx.proto) and the protobuf runtime; both automatic modules
    requires org.tribuo.util.onnx;
    requires com.google.protobuf;

    exports io.deocc.engine.djl;
    exports io.deocc.engine.djl.backbone;
    exports io.deocc.engine.djl.export;
    exports io.deocc.engine.djl.model;
    exports io.deocc.engine.djl.training;

    // Guice reflects on the binding module, its provider method and the bound backbones
    opens io.deocc.engine.djl.internal to com.google.guice;

    uses ai.djl.engine.EngineProvider;

    provides io.deocc.api.spi.DeoccPlugin with io.deocc.engine.djl.internal.DjlPlugin;
}
