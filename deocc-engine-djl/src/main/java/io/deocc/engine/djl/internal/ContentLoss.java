package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.loss.Loss;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

/**
 * The content network's training loss.
 *
 * <p>Labels: the target [N, 3, H, W] ({@link PConvInputs#target}) and the network's 5-channel input
 * ({@link PConvInputs#input}); predictions: the reconstruction [N, 3, H, W]. With
 * {@code known} = {@link PConvInputs#known}, {@code hole} = 1 − known and the composite
 * {@code c = input_rgb · known + reconstruction · hole}:
 * <pre>
 *   loss = 1   · mean |reconstruction − target|
 *        + 5   · mean (hole · |c − target|)
 *        + 0.1 · total variation of c over the hole dilated by one pixel
 *        + 1   · mean |∇reconstruction − ∇target|     (horizontal and vertical differences)
 * </pre>
 * All means run over every element, so the hole term weighs by the hole's area, as in the paper's
 * partial-convolution loss.
 *
 * <p>Substitutes for the paper's VGG perceptual and style terms and its discriminator (no
 * pretrained VGG is available here, and an adversarial term is too unstable for CPU-sized runs):
 * the total-variation term over the hole's border smooths the seam where painted pixels meet kept
 * ones — the artefact the style term mostly suppressed; the image-gradient L1 asks for the
 * target's edges and texture contrast rather than only its mean colour, which is what a plain L1
 * alone blurs away and the perceptual term restored.
 */
final class ContentLoss extends Loss {
    static final float RECONSTRUCTION_WEIGHT = 1f;
    static final float HOLE_WEIGHT = 5f;
    static final float BORDER_TV_WEIGHT = 0.1f;
    static final float GRADIENT_WEIGHT = 1f;

    ContentLoss() {
        super("ContentLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        DeoccException.checkNotNull(labels, "labels");
        DeoccException.checkNotNull(predictions, "predictions");
        if (labels.size() != 2 || predictions.size() != 1) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "content loss got " + labels.size() + " labels and "
                    + predictions.size() + " predictions: give labels (target, 5-channel input) and one reconstruction");
        }
        NDArray target = labels.get(0);
        NDArray input = labels.get(1);
        NDArray reconstruction = predictions.singletonOrThrow();
        Shape shape = reconstruction.getShape();
        if (!target.getShape().equals(shape) || shape.dimension() != 4 || shape.get(1) != PConvUNet.OUTPUT_CHANNELS) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "content loss target " + target.getShape()
                    + " and reconstruction " + shape + " must both be [N,3,H,W] of the same size: give matching tensors");
        }
        NDArray known = PConvInputs.known(input);
        NDArray hole = known.neg().add(1f);
        NDArray composite = input.get(":, 0:3").mul(known).add(reconstruction.mul(hole));

        NDArray reconstructionL1 = reconstruction.sub(target).abs().mean();
        NDArray holeL1 = composite.sub(target).abs().mul(hole).mean();
        NDArray border = borderTotalVariation(composite, hole);
        NDArray gradients = dx(reconstruction).sub(dx(target)).abs().mean()
                .add(dy(reconstruction).sub(dy(target)).abs().mean());
        return reconstructionL1.mul(Scalars.of(reconstruction, RECONSTRUCTION_WEIGHT))
                .add(holeL1.mul(Scalars.of(reconstruction, HOLE_WEIGHT)))
                .add(border.mul(Scalars.of(reconstruction, BORDER_TV_WEIGHT)))
                .add(gradients.mul(Scalars.of(reconstruction, GRADIENT_WEIGHT)));
    }

    /** Mean absolute neighbour difference of the composite where both neighbours lie in the hole dilated by 3×3. */
    static NDArray borderTotalVariation(NDArray composite, NDArray hole) {
        NDArray region = Pool.maxPool2d(hole, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false);
        NDArray horizontal = dx(composite).abs().mul(region.get("..., 1:").mul(region.get("..., :-1"))).mean();
        NDArray vertical = dy(composite).abs().mul(region.get("..., 1:, :").mul(region.get("..., :-1, :"))).mean();
        return horizontal.add(vertical);
    }

    private static NDArray dx(NDArray x) {
        return x.get("..., 1:").sub(x.get("..., :-1"));
    }

    private static NDArray dy(NDArray x) {
        return x.get("..., 1:, :").sub(x.get("..., :-1, :"));
    }
}
