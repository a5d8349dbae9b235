package io.deocc.data.eval;

/**
 * Which masks the content recoverer is given during an evaluation.
 *
 * <p>The content metrics are always measured inside the <em>ground-truth</em> invisible region, so the
 * two choices score the same pixels and stay comparable; they differ in what the recoverer is told.
 */
public enum ContentMasks {
    /**
     * The ground-truth visible and amodal masks (and parsings, when the sample has them). Isolates the
     * recoverer from the completer's mistakes; the paper's content numbers are measured this way. The default.
     */
    GROUND_TRUTH("ground-truth"),
    /**
     * The completer's masks: measures the whole pipeline. Hidden pixels the completer missed keep the
     * occluder's colours and count as errors. Needs a completer.
     */
    PREDICTED("predicted");

    private final String label;

    ContentMasks(String label) {
        this.label = label;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return label;
    }
}
