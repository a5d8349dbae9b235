package io.deocc.cli;

/**
 * Settings for slf4j-simple, the CLI's logging backend: messages go to stderr, warnings and errors
 * only unless {@code --verbose} asks for progress too. A value the user already set with
 * {@code -D} (e.g. through {@code DEOCC_JAVA_OPTS}) wins.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {}

    /** Must run before the first logger exists: slf4j-simple reads these properties once. */
    static void configure(boolean verbose) {
        setIfAbsent("defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showShortLogName", "true");
        setIfAbsent("levelInBrackets", "true");
        // DJL probes for CUDA on every engine load and warns when a CPU-only machine has none; on the
        // CPU that is the normal case, not something to warn about
        setIfAbsent("log.ai.djl.util.cuda.CudaUtils", "error");
        // ...and DJL's ONNX Runtime engine likewise when it finds no CUDA provider
        setIfAbsent("log.ai.djl.onnxruntime.engine.OrtEngine", "error");
        if (!verbose) {
            // These warn about failed people and plugins (with stack traces); the CLI reports both
            // on stderr itself in one line each, and --verbose brings the full logs back.
            setIfAbsent("log.io.deocc.runtime.DeoccPipeline", "error");
            setIfAbsent("log.io.deocc.runtime.PluginRegistry", "error");
            // ...and `deocc batch` prints one line per failed item itself
            setIfAbsent("log.io.deocc.runtime.batch.BatchRunner", "error");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
