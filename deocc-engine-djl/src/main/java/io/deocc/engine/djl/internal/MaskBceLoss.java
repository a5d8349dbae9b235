package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

/**
 * Sigmoid binary cross-entropy on one-channel mask logits, optionally weighted per pixel, plus an
 * optional L1 term on the probabilities — the loss of the single-output mask networks and of the
 * person segmenter.
 *
 * <p>Labels: the target N×1×H×W of 0 and 1, and optionally a weight map of the same shape (pixels
 * of weight 0 do not count: the segmenter uses it to leave occluders, which may be people or not,
 * unsupervised). Predictions: the logits first (further outputs, e.g. a VAE's latent statistics, are
 * ignored here). Both terms are weighted means: Σ w·l / Σ w.
 */
final class MaskBceLoss extends Loss {
    private final float l1Weight;

    MaskBceLoss(double l1Weight) {
        super("MaskBceLoss");
        DeoccException.checkArgument(Double.isFinite(l1Weight) && l1Weight >= 0, "L1 weight " + l1Weight
                + " must be 0 or more");
        this.l1Weight = (float) l1Weight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        DeoccException.checkNotNull(labels, "labels");
        DeoccException.checkNotNull(predictions, "predictions");
        NDArray logits = predictions.get(0);
        NDArray target = labels.get(0);
        if (!logits.getShape().equals(target.getShape()) || logits.getShape().dimension() != 4
                || logits.getShape().get(1) != 1) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "mask loss: logits " + logits.getShape() + " and target "
                    + target.getShape() + " must both be N x 1 x H x W: give a backbone with one output channel");
        }
        // log(1 + e^x) - x·t, written so that large |x| neither overflows nor loses precision
        NDArray perPixel = logits.maximum(Scalars.of(logits, 0f)).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1f).log());
        if (l1Weight > 0) {
            perPixel = perPixel.add(Activation.sigmoid(logits).sub(target).abs().mul(Scalars.of(logits, l1Weight)));
        }
        if (labels.size() < 2) {
            return perPixel.mean();
        }
        NDArray weight = labels.get(1);
        // at least one pixel's worth in the denominator, so an all-ignored batch gives 0, not NaN
        return perPixel.mul(weight).sum().div(weight.sum().maximum(Scalars.of(weight, 1f)));
    }
}
