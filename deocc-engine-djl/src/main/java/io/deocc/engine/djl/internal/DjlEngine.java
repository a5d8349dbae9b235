package io.deocc.engine.djl.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.inject.Guice;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.engine.djl.backbone.Backbones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's PyTorch engine, loaded offline and once per JVM, plus the engine's Guice-wired backbones.
 *
 * <p>libtorch is process-wide: the first {@link #load} loads it with that call's thread count; later
 * calls get the same engine (a different thread count is logged and ignored). Nothing loads in a
 * static initialiser; loading happens on the first {@link #load} under a lock.
 *
 * <p>Offline: the system properties {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} are
 * set before the engine loads, so DJL never downloads natives and never reports usage. DJL also reads
 * the environment variables {@code DJL_OFFLINE} and {@code OPT_OUT_TRACKING}; Java cannot set those
 * for its own process, so an operator may set them too, but the properties suffice.
 */
public final class DjlEngine {
    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    private static final Logger LOG = LoggerFactory.getLogger(DjlEngine.class);
    private static final Object LOCK = new Object();
    // guarded by LOCK; null until the first successful load
    private static DjlEngine loaded;

    private final Engine engine;
    private final int intraOpThreads;
    private final Backbones backbones;

    private DjlEngine(Engine engine, int intraOpThreads, Backbones backbones) {
        this.engine = engine;
        this.intraOpThreads = intraOpThreads;
        this.backbones = backbones;
    }

    /**
     * The PyTorch engine, loading libtorch on the first call.
     *
     * @throws DeoccException {@link ErrorCode#NATIVE_LIBRARY} naming the missing jar when libtorch cannot load
     */
    public static DjlEngine load(EngineSettings settings) {
        DeoccException.checkNotNull(settings, "settings");
        synchronized (LOCK) {
            if (loaded == null) {
                loaded = loadOnce(settings);
            } else if (loaded.intraOpThreads != settings.intraOpThreads()) {
                LOG.warn("libtorch is already loaded with {} intra-op threads; ignoring the request for {}"
                        + " (the thread count is fixed when the engine first loads)",
                        loaded.intraOpThreads, settings.intraOpThreads());
            }
            return loaded;
        }
    }

    private static DjlEngine loadOnce(EngineSettings settings) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // PtEngine reads these when it is created; inter-op parallelism stays at one thread because
        // our graphs are sequential chains of large operators
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(settings.intraOpThreads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | LinkageError e) {
            throw loadFailure(e);
        }
        if (engine == null) {
            throw loadFailure(null);
        }
        Backbones backbones = Guice.createInjector(new BackboneModule()).getInstance(Backbones.class);
        DjlEngine result = new DjlEngine(engine, settings.intraOpThreads(), backbones);
        LOG.info("loaded DJL {} engine, libtorch {}, {} intra-op threads, backbones {}",
                ENGINE_NAME, result.libtorchVersion(), settings.intraOpThreads(), backbones.names());
        return result;
    }

    private static DeoccException loadFailure(Throwable cause) {
        ClassLoader loader = DjlEngine.class.getClassLoader();
        String reason;
        if (loader.getResource("native/lib/pytorch.properties") == null) {
            reason = "the libtorch natives jar ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64)"
                    + " is not on the class path: add it (runtime scope; it must stay on the class path,"
                    + " its automatic module name is not legal)";
        } else if (loader.getResource("jnilib/pytorch.properties") == null) {
            reason = "the JNI bridge jar ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 is not on the class path: add it";
        } else {
            reason = "both native jars are present but libtorch did not load (" + describe(cause) + "):"
                    + " check that this is linux-x86_64 with glibc and that the DJL cache directory"
                    + " (~/.djl.ai or DJL_CACHE_DIR) is writable";
        }
        String message = "cannot load DJL's " + ENGINE_NAME + " engine: " + reason;
        return cause == null
                ? new DeoccException(ErrorCode.NATIVE_LIBRARY, message)
                : new DeoccException(ErrorCode.NATIVE_LIBRARY, message, cause);
    }

    private static String describe(Throwable cause) {
        return cause == null ? "no engine was returned" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The loaded DJL engine. */
    public Engine engine() {
        return engine;
    }

    /** The libtorch version the engine runs, e.g. {@code 2.7.1}. */
    public String libtorchVersion() {
        return engine.getVersion();
    }

    /** The intra-op thread count libtorch was loaded with. */
    public int intraOpThreads() {
        return intraOpThreads;
    }

    /** The backbones bound in this engine's Guice module. */
    public Backbones backbones() {
        return backbones;
    }

    /** A new root manager on the CPU; the caller closes it. */
    public NDManager newManager() {
        return engine.newBaseManager();
    }

    /**
     * Seeds the engine's random generators (libtorch's and DJL's), so that parameter initialisation and
     * any sampling after this call repeat exactly.
     */
    public void seed(int seed) {
        engine.setRandomSeed(seed);
    }
}
