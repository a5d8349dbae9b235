package io.deocc.engine.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.backbone.Backbones;
import io.deocc.engine.djl.internal.DjlEngine;
import io.deocc.engine.djl.internal.EngineSettings;

/**
 * The engine's networks for code outside the pipeline — benchmarks, notebooks, export tools: libtorch
 * loaded offline, the backbones bound by name, seeding and managers. Pipelines never need it; their
 * components load the engine themselves.
 *
 * <p>libtorch is process-wide and its thread count is fixed by the first load in the JVM.
 */
public final class Networks {
    private final DjlEngine engine;

    private Networks(DjlEngine engine) {
        this.engine = engine;
    }

    /**
     * Loads libtorch (once per JVM) with {@code threads} intra-op threads.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a thread count outside 1 to 256;
     *         {@code NATIVE_LIBRARY} naming the missing jar when libtorch cannot load
     */
    public static Networks load(int threads) {
        return new Networks(DjlEngine.load(new EngineSettings(threads)));
    }

    /** Every backbone bound by name: {@code unet}, {@code resnet-unet}, {@code stacked-unet}, {@code pconv-unet}, ... */
    public Backbones backbones() {
        return engine.backbones();
    }

    /**
     * A new, uninitialised block of the named backbone.
     *
     * @throws DeoccException {@code UNKNOWN_COMPONENT} for an unbound name; {@code INVALID_ARGUMENT} for a spec
     *         the backbone cannot build
     */
    public Block build(String backbone, BackboneSpec spec) {
        DeoccException.checkNotNull(backbone, "backbone");
        return engine.backbones().get(backbone).build(spec);
    }

    /** Seeds libtorch's and DJL's random generators, so that initialisation after this call repeats. */
    public void seed(int seed) {
        engine.seed(seed);
    }

    /** A new root manager on the CPU; the caller closes it. */
    public NDManager newManager() {
        return engine.newManager();
    }

    /** The intra-op thread count libtorch was loaded with (the first load's). */
    public int threads() {
        return engine.intraOpThreads();
    }

    /** The libtorch version, e.g. {@code 2.7.1}. */
    public String libtorchVersion() {
        return engine.libtorchVersion();
    }
}
