package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

/**
 * The stacked mask network's training loss:
 * <pre>
 * (CE(refined visible) + CE(amodal) + 0.2·CE(visible parsing) + 0.2·CE(amodal parsing)) / 2
 *   + 0.1 · L1(softmax foreground, binary target)
 * </pre>
 * CE is the mean per-pixel softmax cross-entropy; the L1 term is the mean absolute difference
 * between the person-class probability and the 0/1 target, averaged over the refined visible and
 * the amodal mask.
 *
 * <p>The paper also trains with a VGG perceptual term and an adversarial discriminator. Both are
 * left out here: no pretrained VGG is available offline, and a discriminator would double the
 * training cost. The L1 term on the probabilities stands in for them: like them it acts on the
 * soft mask as a whole image rather than pixel by pixel through the logits, pulling uncertain
 * boundary probabilities towards 0 or 1.
 *
 * <p>Labels, in the network's output order ({@link StackedMaskNetwork#VISIBLE_PARSING} …
 * {@link StackedMaskNetwork#AMODAL}), each N×H×W of class indices: visible parsing (LIP 0..19),
 * visible mask (0/1), amodal parsing (LIP 0..19), amodal mask (0/1); {@link StackedMaskTargets}
 * builds them. Predictions: the network's four logit maps. For the ablation's plain stack (two
 * outputs: refined visible and amodal) the parsing terms drop out.
 */
public final class StackedMaskLoss extends Loss {
    /** Weight of each parsing cross-entropy relative to a mask cross-entropy. */
    public static final float PARSING_WEIGHT = 0.2f;
    /** Weight of the L1 term on the foreground probabilities. */
    public static final float L1_WEIGHT = 0.1f;

    /** A loss named {@code stacked-mask}. */
    public StackedMaskLoss() {
        super("stacked-mask");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        DeoccException.checkNotNull(labels, "labels");
        DeoccException.checkNotNull(predictions, "predictions");
        if (predictions.size() == 2) {
            return plain(labels, predictions);
        }
        checkCount(labels, "labels");
        checkCount(predictions, "predictions");
        int[] classes = {StackedMaskNetwork.PARSING_CLASSES, StackedMaskNetwork.MASK_CLASSES,
            StackedMaskNetwork.PARSING_CLASSES, StackedMaskNetwork.MASK_CLASSES};
        for (int i = 0; i < classes.length; i++) {
            checkPair(labels.get(i), predictions.get(i), classes[i], i);
        }
        NDArray visibleParsing = crossEntropy(predictions.get(StackedMaskNetwork.VISIBLE_PARSING),
                labels.get(StackedMaskNetwork.VISIBLE_PARSING), StackedMaskNetwork.PARSING_CLASSES);
        NDArray visible = crossEntropy(predictions.get(StackedMaskNetwork.REFINED_VISIBLE),
                labels.get(StackedMaskNetwork.REFINED_VISIBLE), StackedMaskNetwork.MASK_CLASSES);
        NDArray amodalParsing = crossEntropy(predictions.get(StackedMaskNetwork.AMODAL_PARSING),
                labels.get(StackedMaskNetwork.AMODAL_PARSING), StackedMaskNetwork.PARSING_CLASSES);
        NDArray amodal = crossEntropy(predictions.get(StackedMaskNetwork.AMODAL),
                labels.get(StackedMaskNetwork.AMODAL), StackedMaskNetwork.MASK_CLASSES);
        NDArray classification = visible.add(amodal)
                .add(visibleParsing.add(amodalParsing).mul(Scalars.of(visibleParsing, PARSING_WEIGHT)))
                .div(Scalars.of(visible, 2f));
        NDArray l1 = foregroundL1(predictions.get(StackedMaskNetwork.REFINED_VISIBLE), labels.get(StackedMaskNetwork.REFINED_VISIBLE))
                .add(foregroundL1(predictions.get(StackedMaskNetwork.AMODAL), labels.get(StackedMaskNetwork.AMODAL)))
                .div(Scalars.of(visible, 2f));
        return classification.add(l1.mul(Scalars.of(l1, L1_WEIGHT)));
    }

    /** The plain stack's loss: the same mask terms without the parsing ones. */
    private static NDArray plain(NDList labels, NDList predictions) {
        if (labels.size() != 2) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the plain stack's loss got " + labels.size()
                    + " labels: give two, refined visible and amodal");
        }
        for (int i = 0; i < 2; i++) {
            checkPair(labels.get(i), predictions.get(i), StackedMaskNetwork.MASK_CLASSES, i);
        }
        NDArray visible = crossEntropy(predictions.get(0), labels.get(0), StackedMaskNetwork.MASK_CLASSES);
        NDArray amodal = crossEntropy(predictions.get(1), labels.get(1), StackedMaskNetwork.MASK_CLASSES);
        NDArray l1 = foregroundL1(predictions.get(0), labels.get(0)).add(foregroundL1(predictions.get(1), labels.get(1)));
        return visible.add(amodal).div(Scalars.of(visible, 2f)).add(l1.div(Scalars.of(l1, 2f)).mul(Scalars.of(l1, L1_WEIGHT)));
    }

    /** Mean over pixels of −log softmax(logits)[label]. */
    static NDArray crossEntropy(NDArray logits, NDArray label, int classes) {
        // one-hot appends the class axis last; move it to axis 1 to match NCHW logits
        NDArray oneHot = label.toType(DataType.INT64, false).oneHot(classes).transpose(0, 3, 1, 2);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    /** Mean over pixels of |P(person) − target|. */
    static NDArray foregroundL1(NDArray logits, NDArray target) {
        NDArray probability = StackedMaskNetwork.foreground(logits).squeeze(1);
        return probability.sub(target.toType(probability.getDataType(), false)).abs().mean();
    }

    private static void checkCount(NDList list, String what) {
        if (list.size() != 4) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the stacked mask loss got " + list.size() + " " + what
                    + ": give four, in the order visible parsing, refined visible, amodal parsing, amodal");
        }
    }

    private static void checkPair(NDArray label, NDArray prediction, int classes, int index) {
        Shape p = prediction.getShape();
        Shape l = label.getShape();
        if (p.dimension() != 4 || p.get(1) != classes) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "prediction " + index + " has shape " + p
                    + ": give N x " + classes + " x H x W logits");
        }
        if (l.dimension() != 3 || l.get(0) != p.get(0) || l.get(1) != p.get(2) || l.get(2) != p.get(3)) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "label " + index + " has shape " + l
                    + " but its prediction is " + p + ": give N x H x W class indices of the same N, H and W");
        }
    }
}
