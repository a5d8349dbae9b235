package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.mask.pose.PoseMaskBank;

/**
 * The pose prior of the stacked mask network. The bank's K typical whole-body masks are resized
 * (nearest) to the input size; each mask's affinity to a foreground probability map is the sum
 * over pixels of their product; a softmax over K turns the affinities into weights that scale the
 * masks; a 3×3 convolution maps the K weighted masks to K/2 feature maps.
 *
 * <p>Input: the foreground probability, N×1×H×W. Output: N×(K/2)×H×W. The masks are constants,
 * created per call on the input's manager, so they never become parameters.
 */
final class PosePriorBlock extends AbstractBlock {
    /** Fewest masks: K/2 feature maps must be at least one. */
    static final int MIN_MASKS = 2;
    /** Most masks; far above the paper's 64, low enough that the K-channel maps stay affordable. */
    static final int MAX_MASKS = 256;
    /** Smallest mask side that still carries a silhouette. */
    static final int MIN_MASK_SIZE = 2;

    private static final byte VERSION = 1;

    private final int count;
    private final int maskSize;
    private final float[] masks;
    private final Block mapConv;

    PosePriorBlock(PoseMaskBank bank) {
        super(VERSION);
        DeoccException.checkNotNull(bank, "poseMasks");
        count = bank.count();
        maskSize = bank.size();
        if (count < MIN_MASKS || count > MAX_MASKS) {
            throw DeoccException.invalidArgument("the pose-mask bank holds " + count + " masks but the stacked mask"
                    + " network needs " + MIN_MASKS + " to " + MAX_MASKS + " (it turns K masks into K/2 feature maps):"
                    + " give a bank with that many masks, e.g. PoseMaskBank.loadDefault() with 64");
        }
        if (maskSize < MIN_MASK_SIZE) {
            throw DeoccException.invalidArgument("the pose-mask bank's masks are " + maskSize + "x" + maskSize
                    + " but the stacked mask network needs a side from " + MIN_MASK_SIZE + " to " + PoseMaskBank.MAX_SIZE
                    + ": give a bank of larger masks (the paper's are 32x32)");
        }
        int plane = maskSize * maskSize;
        masks = new float[count * plane];
        for (int k = 0; k < count; k++) {
            System.arraycopy(bank.values(k), 0, masks, k * plane, plane);
        }
        mapConv = addChildBlock("maps", StackedMaskNetwork.conv3x3(count / 2));
    }

    /** Number of masks K. */
    int count() {
        return count;
    }

    /** Number of feature maps produced, K/2. */
    int mapCount() {
        return count / 2;
    }

    /** Side of the bank's masks. */
    int maskSize() {
        return maskSize;
    }

    /** Checks that an input side can hold the bank's masks; resizing them down would blur them into noise. */
    void checkInputSize(long height, long width) {
        if (height < maskSize || width < maskSize) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the input is " + width + "x" + height
                    + " but the pose masks are " + maskSize + "x" + maskSize + ": give an input of at least "
                    + maskSize + "x" + maskSize + " or a bank of smaller masks");
        }
    }

    /** The bank's masks resized (nearest) to H×W: 1×K×H×W on the given manager. */
    NDArray resizedMasks(NDManager manager, long height, long width) {
        NDArray bank = manager.create(masks, new Shape(1, count, maskSize, maskSize));
        return bank.getNDArrayInternal().interpolation(new long[] {height, width},
                UNetBlock.InterpolationMode.NEAREST.code(), false);
    }

    /**
     * The softmax over K of each mask's affinity to the foreground: N×K, every row summing to one.
     *
     * @param foreground N×1×H×W foreground probabilities
     */
    NDArray weights(NDArray foreground) {
        return weights(foreground, resizedMasks(foreground.getManager(), foreground.getShape().get(2), foreground.getShape().get(3)));
    }

    private static NDArray weights(NDArray foreground, NDArray resized) {
        NDArray affinity = foreground.mul(resized).sum(new int[] {2, 3});
        return affinity.softmax(1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray foreground = inputs.singletonOrThrow();
        Shape shape = foreground.getShape();
        checkInputSize(shape.get(2), shape.get(3));
        NDArray resized = resizedMasks(foreground.getManager(), shape.get(2), shape.get(3));
        NDArray weights = weights(foreground, resized);
        NDArray weighted = resized.mul(weights.reshape(shape.get(0), count, 1, 1));
        return mapConv.forward(store, new NDList(weighted), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), mapCount(), in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        mapConv.initialize(manager, dataType, new Shape(in.get(0), count, in.get(2), in.get(3)));
    }
}
