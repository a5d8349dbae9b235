package io.deocc.testkit;

import io.deocc.api.image.BinaryMask;
import io.deocc.synth.Scene;
import java.util.List;

/** The default inputs of the contracts, and helpers to build invalid ones from them. */
final class ContractScenes {
    /** Small enough to keep a slow reference component quick, large enough for a recognisable person. */
    static final int SIZE = 128;
    static final int COUNT = 3;
    static final long SEED = 0x5EED_DE0CL;
    /** How much larger the mismatched masks are. */
    private static final int GROWTH = 8;

    private ContractScenes() {}

    static List<Scene> checked(List<Scene> scenes) {
        if (scenes == null || scenes.isEmpty()) {
            throw new AssertionError("scenes() returned " + (scenes == null ? "null" : "no scenes") + ": the contract needs at least one input");
        }
        return List.copyOf(scenes);
    }

    /** {@code mask} on a canvas {@value #GROWTH} px wider and taller: same pixels, another size. */
    static BinaryMask onLargerCanvas(BinaryMask mask) {
        int w = mask.width();
        int h = mask.height();
        int wider = w + GROWTH;
        return BinaryMask.fromIndex(wider, h + GROWTH, i -> {
            int x = i % wider;
            int y = i / wider;
            return x < w && y < h && mask.get(y * w + x);
        });
    }
}
