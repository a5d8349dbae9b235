package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

/**
 * The partial convolutions' starting validity mask, read from the content input that
 * {@link io.deocc.content.network.ContentTensors#input} builds.
 */
final class PConvInputs {
    private PConvInputs() {
    }

    /**
     * The validity ("known") mask [N, 1, H, W] of a 5-channel input: 1 everywhere except the
     * invisible region, i.e. 1 − amodal · (1 − visible). The partial convolutions start from it and
     * the composite keeps the input there.
     */
    static NDArray known(NDArray input) {
        DeoccException.checkNotNull(input, "input");
        Shape shape = input.getShape();
        if (shape.dimension() != 4 || shape.get(1) != PConvUNet.INPUT_CHANNELS) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "content input has shape " + shape
                    + ": give [N,5,H,W] as ContentTensors.input builds it");
        }
        NDArray visible = input.get(":, 3:4");
        NDArray amodal = input.get(":, 4:5");
        return amodal.mul(visible.neg().add(1f)).neg().add(1f);
    }
}
