package io.deocc.engine.onnx;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import java.util.Locale;
import java.util.Set;

/**
 * How an ONNX Runtime session is set up: read from a component's settings {@value #THREADS_KEY},
 * {@value #OPTIMISATION_KEY} and {@value #MEMORY_ARENA_KEY}.
 *
 * @param intraOpThreads threads one operator may use; 1 to {@link #MAX_THREADS}
 * @param optimisation the graph optimisation level ONNX Runtime applies when the session is created
 * @param memoryArena whether the CPU memory arena keeps freed buffers for reuse (faster; holds memory)
 */
public record SessionSettings(int intraOpThreads, Optimisation optimisation, boolean memoryArena) {
    /** Setting: intra-op threads. */
    public static final String THREADS_KEY = "threads";
    /** Setting: graph optimisation level ({@code none}, {@code basic}, {@code extended}, {@code all}). */
    public static final String OPTIMISATION_KEY = "optimisation";
    /** Setting: whether to use the CPU memory arena. */
    public static final String MEMORY_ARENA_KEY = "memory-arena";
    /** The keys {@link #fromConfig} reads. */
    public static final Set<String> KEYS = Set.of(THREADS_KEY, OPTIMISATION_KEY, MEMORY_ARENA_KEY);
    /** Upper bound on the thread count; larger values are almost surely typing errors. */
    public static final int MAX_THREADS = 256;

    /** ONNX Runtime's graph optimisation levels. */
    public enum Optimisation {
        /** No graph rewriting. */
        NONE("NO_OPT"),
        /** Constant folding, redundant node removal, Conv+BatchNorm fusion and the like. */
        BASIC("BASIC_OPT"),
        /** Basic plus complex fusions (e.g. attention, GELU). */
        EXTENDED("EXTENDED_OPT"),
        /** Everything, including layout changes for the CPU. */
        ALL("ALL_OPT");

        private final String runtimeName;

        Optimisation(String runtimeName) {
            this.runtimeName = runtimeName;
        }

        /** The level's name in ONNX Runtime's Java API ({@code OrtSession.SessionOptions.OptLevel}). */
        public String runtimeName() {
            return runtimeName;
        }

        /** The level as settings spell it, e.g. {@code all}. */
        public String settingName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates the thread count. */
    public SessionSettings {
        DeoccException.checkArgument(intraOpThreads >= 1 && intraOpThreads <= MAX_THREADS,
                "ONNX Runtime threads " + intraOpThreads + " is out of range: give 1 to " + MAX_THREADS);
        DeoccException.checkNotNull(optimisation, "optimisation");
    }

    /** One thread per available processor, every optimisation, the memory arena on. */
    public static SessionSettings defaults() {
        return new SessionSettings(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()), Optimisation.ALL, true);
    }

    /** Reads the three settings (defaults as {@link #defaults()}); other keys are left to the caller's check. */
    public static SessionSettings fromConfig(ComponentConfig config) {
        DeoccException.checkNotNull(config, "config");
        SessionSettings defaults = defaults();
        int threads = config.getInt(THREADS_KEY, defaults.intraOpThreads(), 1, MAX_THREADS);
        Optimisation level = config.get(OPTIMISATION_KEY).map(SessionSettings::optimisation).orElse(defaults.optimisation());
        boolean arena = config.getBoolean(MEMORY_ARENA_KEY, defaults.memoryArena());
        return new SessionSettings(threads, level, arena);
    }

    private static Optimisation optimisation(String text) {
        for (Optimisation level : Optimisation.values()) {
            if (level.settingName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return level;
            }
        }
        throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + OPTIMISATION_KEY + "' is '" + text
                + "': give none, basic, extended or all");
    }
}
