/**
 * JMH benchmarks of the DJL engine's networks, a peak-memory probe and the report that joins them, and a soak
 * benchmark of whole pipelines ({@code Soak}).
 *
 * <p>The module compiles and tests on the module path like the others; {@code run.sh} runs JMH on the
 * class path (JMH forks its benchmark JVMs with the parent's class path, and libtorch's natives jar cannot
 * be a named module), where this descriptor is not read.
 */
module io.deocc.bench {
    requires io.deocc.engine.djl;
    requires io.deocc.data;
    // the soak benchmark: whole pipelines, and the JVM's memory beans
    requires io.deocc.runtime;
    requires java.management;
    // jmh-core has no module descriptor; its automatic name comes from the jar's file name
    requires jmh.core;
    // ONNX Runtime's jar is an automatic module (Automatic-Module-Name in its manifest)
    requires com.microsoft.onnxruntime;
    requires com.fasterxml.jackson.databind;

    exports io.deocc.bench;
    // JMH's annotation processor generates the harness into this package
    exports io.deocc.bench.jmh_generated;
}
