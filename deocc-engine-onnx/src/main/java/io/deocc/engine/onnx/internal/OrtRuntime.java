package io.deocc.engine.onnx.internal;

import ai.djl.engine.Engine;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's OnnxRuntime engine, loaded offline and once per JVM. Nothing loads in a static initialiser; the
 * first {@link #engine()} loads it under a lock. The system properties {@code ai.djl.offline=true} and
 * {@code OPT_OUT_TRACKING=true} are set first, so DJL never downloads anything and never reports usage, and
 * {@code ai.djl.onnx.disable_alternative=true}, so that a process serving ONNX models never loads libtorch.
 */
final class OrtRuntime {
    /** DJL's name of the ONNX Runtime engine. */
    static final String ENGINE_NAME = "OnnxRuntime";

    private static final Logger LOG = LoggerFactory.getLogger(OrtRuntime.class);
    private static final Object LOCK = new Object();
    // guarded by LOCK
    private static Engine loaded;

    private OrtRuntime() {
    }

    /**
     * The engine, loading ONNX Runtime's natives on the first call.
     *
     * @throws DeoccException {@link ErrorCode#NATIVE_LIBRARY} naming the jar to add when it cannot load
     */
    static Engine engine() {
        synchronized (LOCK) {
            if (loaded == null) {
                System.setProperty("ai.djl.offline", "true");
                System.setProperty("OPT_OUT_TRACKING", "true");
                // DJL would otherwise load PyTorch (libtorch: ~1 s and ~250 MB) as a fallback for array operations
                // ONNX Runtime lacks; sessions here only create inputs and read outputs, which ONNX Runtime does itself
                System.setProperty("ai.djl.onnx.disable_alternative", "true");
                Engine engine;
                try {
                    engine = Engine.getEngine(ENGINE_NAME);
                } catch (RuntimeException | LinkageError e) {
                    throw failure(e);
                }
                if (engine == null) {
                    throw failure(null);
                }
                LOG.info("loaded DJL {} engine, ONNX Runtime {}", ENGINE_NAME, engine.getVersion());
                loaded = engine;
            }
            return loaded;
        }
    }

    private static DeoccException failure(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof IllegalStateException && String.valueOf(c.getMessage()).contains("already exists")) {
                return new DeoccException(ErrorCode.NATIVE_LIBRARY, "ONNX Runtime's environment was already created"
                        + " by other code in this process, and DJL's OnnxRuntime engine can only start with one it creates"
                        + " itself: create a deocc onnx-* component (or call ai.djl.engine.Engine.getEngine(\"OnnxRuntime\"))"
                        + " before other code uses ONNX Runtime directly, and share its environment", cause);
            }
        }
        return new DeoccException(ErrorCode.NATIVE_LIBRARY, "ONNX Runtime could not be loaded"
                + (cause == null ? "" : " (" + cause + ")") + ": put ai.djl.onnxruntime:onnxruntime-engine and"
                + " com.microsoft.onnxruntime:onnxruntime (which carries the natives for linux-x86_64) on the class"
                + " path, as the deocc-engine-onnx module's dependencies do", cause);
    }
}
