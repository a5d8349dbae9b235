package io.deocc.mask.network;

/** Small numeric helpers for reading network outputs. */
final class NetworkOutputs {
    private NetworkOutputs() {
    }

    /** The logistic function, computed in double so that large logits saturate to exactly 0 or 1 without overflow. */
    static float sigmoid(float logit) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) logit)));
    }
}
