package io.deocc.engine.djl.internal;

import io.deocc.api.DeoccException;
import io.deocc.api.spi.ComponentConfig;

import java.util.Set;

/**
 * How libtorch is set up when it first loads.
 *
 * @param intraOpThreads threads one operator may use (torch.set_num_threads); 1 to {@link #MAX_THREADS}
 */
public record EngineSettings(int intraOpThreads) {
    /** Configuration key for {@link #intraOpThreads()}. */
    public static final String THREADS_KEY = "threads";
    /** Upper bound on the thread count; larger values are almost surely typing errors. */
    public static final int MAX_THREADS = 256;
    /** The keys {@link #fromConfig} reads. */
    public static final Set<String> KEYS = Set.of(THREADS_KEY);

    /** Validates the thread count. */
    public EngineSettings {
        DeoccException.checkArgument(intraOpThreads >= 1 && intraOpThreads <= MAX_THREADS,
                "engine threads " + intraOpThreads + " is out of range: give 1 to " + MAX_THREADS);
    }

    /** One thread per available processor. */
    public static EngineSettings defaults() {
        return new EngineSettings(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /** Reads {@code threads} (default: the processor count); other keys are left to the caller's check. */
    public static EngineSettings fromConfig(ComponentConfig config) {
        DeoccException.checkNotNull(config, "config");
        return new EngineSettings(config.getInt(THREADS_KEY, defaults().intraOpThreads(), 1, MAX_THREADS));
    }
}
