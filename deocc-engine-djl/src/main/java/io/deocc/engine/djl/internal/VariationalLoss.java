package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.deocc.api.DeoccException;

/**
 * A stage's loss on a VAE's output plus the weighted KL divergence of its latent distribution from
 * N(0, 1). The VAE returns {@code [output, mean, logVar]}; the stage's loss sees only the output.
 */
final class VariationalLoss extends Loss {
    /** Weight of the KL term: small, because it is a sum over the latent while the stage's losses are per-pixel means. */
    static final float KL_WEIGHT = 1e-3f;

    private final Loss stageLoss;

    VariationalLoss(Loss stageLoss) {
        super("VariationalLoss");
        this.stageLoss = DeoccException.checkNotNull(stageLoss, "stageLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        DeoccException.checkNotNull(predictions, "predictions");
        NDArray reconstruction = stageLoss.evaluate(labels, new NDList(predictions.get(AutoencoderBlock.OUTPUT)));
        return reconstruction.add(AutoencoderBlock.klDivergence(predictions).mul(Scalars.of(reconstruction, KL_WEIGHT)));
    }
}
