package io.deocc.engine.onnx.internal;

import ai.djl.engine.Engine;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's OnnxRuntime engine, loaded offline and once per JVM. Nothing loads in a static initialiser; the
 * first {@link #engine()} loads it under a lock. The system properties {@code ai.djl.offline=true} and
 * {@code OPT_OUT_TRACKING=true} are set first, so DJL never downloads anything and never reports usage.
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
        return new DeoccException(ErrorCode.NATIVE_LIBRARY, "ONNX Runtime could not be loaded"
                + (cause == null ? "" : " (" + cause + ")") + ": put ai.djl.onnxruntime:onnxruntime-engine and"
                + " com.microsoft.onnxruntime:onnxruntime (which carries the natives for linux-x86_64) on the class"
                + " path, as the deocc-engine-onnx module's dependencies do", cause);
    }
}
