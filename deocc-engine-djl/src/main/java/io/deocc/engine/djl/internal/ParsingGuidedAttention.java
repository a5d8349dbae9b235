package io.deocc.engine.djl.internal;

import io.deocc.content.network.ContentTensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

/**
 * Parsing guided attention (PGA) of the paper's content network: re-weights a feature map with the
 * person's part layout. Inputs: features {@code x} [N, C, H, W] and the one-hot visible and amodal
 * parsing maps [N, {@value #PARTS}, H, W] (LIP labels 1..19; background has no channel). Output: a
 * feature map of the same shape as {@code x}.
 *
 * <ul>
 *   <li>Body-part stream: a 1×1 conv turns {@code x} into {@value #PARTS} part maps, each multiplied by
 *       its amodal one-hot channel (the amodal layout says where each part must appear, hidden parts
 *       included); concatenated with {@code x}, a conv3×3-ReLU fuses them and a squeeze-excitation gate
 *       scales the channels.</li>
 *   <li>Spatial stream: query from [x, visible parsing], key from [x, amodal parsing], value from x.
 *       The affinity A = qᵀk / √d (HW × HW) is used both ways: softmax over each row (each visible
 *       position gathers from the amodal layout) and over each column (each amodal position gathers
 *       from the visible one).</li>
 *   <li>The part stream and both attention outputs are concatenated and a conv3×3 maps them back to C.</li>
 * </ul>
 *
 * <p>Attention costs HW² memory and time, so it runs on at most {@value #MAX_ATTENTION_POSITIONS}
 * positions: a larger map is average-pooled by a power of two until it fits, attended, and
 * up-sampled (nearest) back. At the paper's 256×256 input the PGA levels have 32×32 = 1024 and
 * 8×8 = 64 positions, so no pooling happens there.
 */
final class ParsingGuidedAttention extends AbstractBlock {
    /** Body-part classes: LIP labels 1..19 (background dropped). */
    static final int PARTS = ContentTensors.PARTS;
    /** The most positions the spatial attention attends over (64×64); an affinity is then 64 MiB per sample. */
    static final int MAX_ATTENTION_POSITIONS = 4096;

    private static final byte VERSION = 1;
    private static final int SE_REDUCTION = 16;
    private static final int MIN_HIDDEN = 4;
    private static final int QUERY_REDUCTION = 8;

    private final int channels;
    private final int keyChannels;
    private final Block partMaps;
    private final Block partFuse;
    private final Block squeeze;
    private final Block excite;
    private final Block query;
    private final Block key;
    private final Block value;
    private final Block merge;

    /** @param channels C, the channel count of the features this block is placed on */
    ParsingGuidedAttention(int channels) {
        super(VERSION);
        DeoccException.checkArgument(channels > 0, "PGA channels " + channels + " must be positive: give the feature map's channel count");
        this.channels = channels;
        this.keyChannels = Math.max(MIN_HIDDEN, channels / QUERY_REDUCTION);
        partMaps = addChildBlock("partMaps", conv(PARTS, 1));
        partFuse = addChildBlock("partFuse", conv(channels, 3));
        squeeze = addChildBlock("squeeze", conv(Math.max(MIN_HIDDEN, channels / SE_REDUCTION), 1));
        excite = addChildBlock("excite", conv(channels, 1));
        query = addChildBlock("query", conv(keyChannels, 1));
        key = addChildBlock("key", conv(keyChannels, 1));
        value = addChildBlock("value", conv(channels, 1));
        merge = addChildBlock("merge", conv(channels, 3));
    }

    private static Block conv(int filters, int kernel) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        checkInputs(BlockShapes.of(inputs));
        NDArray x = inputs.get(0);
        NDArray visibleParsing = inputs.get(1);
        NDArray amodalParsing = inputs.get(2);

        NDArray parts = run(partMaps, store, x, training, params).mul(amodalParsing);
        NDArray fused = Activation.relu(run(partFuse, store, x.concat(parts, 1), training, params));
        NDArray gate = run(excite, store,
                Activation.relu(run(squeeze, store, Pool.globalAvgPool2d(fused).reshape(x.getShape().get(0), channels, 1, 1),
                        training, params)), training, params);
        NDArray partStream = fused.mul(Activation.sigmoid(gate));

        NDArray q = run(query, store, x.concat(visibleParsing, 1), training, params);
        NDArray k = run(key, store, x.concat(amodalParsing, 1), training, params);
        NDArray v = run(value, store, x, training, params);
        NDList attended = attendBothWays(q, k, v);

        NDArray merged = NDArrays.concat(new NDList(partStream, attended.get(0), attended.get(1)), 1);
        return new NDList(run(merge, store, merged, training, params));
    }

    /** Row- and column-softmax attention, pooled to at most {@link #MAX_ATTENTION_POSITIONS} positions. */
    private NDList attendBothWays(NDArray q, NDArray k, NDArray v) {
        long n = v.getShape().get(0);
        long height = v.getShape().get(2);
        long width = v.getShape().get(3);
        int factor = poolingFactor(height, width);
        if (factor > 1) {
            Shape window = new Shape(factor, factor);
            // ceil mode keeps the border rows when the size is no multiple of the factor
            q = Pool.avgPool2d(q, window, window, new Shape(0, 0), true, false);
            k = Pool.avgPool2d(k, window, window, new Shape(0, 0), true, false);
            v = Pool.avgPool2d(v, window, window, new Shape(0, 0), true, false);
        }
        long h = v.getShape().get(2);
        long w = v.getShape().get(3);
        long positions = h * w;
        NDArray queries = q.reshape(n, keyChannels, positions).transpose(0, 2, 1);
        NDArray keys = k.reshape(n, keyChannels, positions);
        NDArray values = v.reshape(n, channels, positions);
        NDArray affinity = queries.batchMatMul(keys).div(Scalars.of(queries, (float) Math.sqrt(keyChannels)));
        // rows: query position i gathers Σ_j softmax_j(A[i, j]) v_j; columns: key position j gathers Σ_i softmax_i(A[i, j]) v_i
        NDArray byRow = values.batchMatMul(affinity.softmax(2).transpose(0, 2, 1)).reshape(n, channels, h, w);
        NDArray byColumn = values.batchMatMul(affinity.softmax(1)).reshape(n, channels, h, w);
        if (factor > 1) {
            byRow = resizeNearest(byRow, height, width);
            byColumn = resizeNearest(byColumn, height, width);
        }
        return new NDList(byRow, byColumn);
    }

    /** The smallest power of two whose pooling brings H×W within the attention cap. */
    static int poolingFactor(long height, long width) {
        int factor = 1;
        while (ceilDiv(height, factor) * ceilDiv(width, factor) > MAX_ATTENTION_POSITIONS) {
            factor *= 2;
        }
        return factor;
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }

    static NDArray resizeNearest(NDArray x, long height, long width) {
        return x.getNDArrayInternal().interpolation(new long[] {height, width},
                UNetBlock.InterpolationMode.NEAREST.code(), false);
    }

    private static NDArray run(Block block, ParameterStore store, NDArray input, boolean training,
            PairList<String, Object> params) {
        return block.forward(store, new NDList(input), training, params).singletonOrThrow();
    }

    private void checkInputs(Shape[] shapes) {
        if (shapes.length != 3) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "PGA got " + shapes.length + " inputs: give three,"
                    + " features [N,C,H,W], visible and amodal parsing [N," + PARTS + ",H,W]");
        }
        Shape x = shapes[0];
        if (x.dimension() != 4 || x.get(1) != channels) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "PGA features have shape " + x
                    + " but the block was built for " + channels + " channels: give [N," + channels + ",H,W]");
        }
        Shape expected = new Shape(x.get(0), PARTS, x.get(2), x.get(3));
        for (int i = 1; i < 3; i++) {
            if (!shapes[i].equals(expected)) {
                throw new DeoccException(ErrorCode.SIZE_MISMATCH, "PGA " + (i == 1 ? "visible" : "amodal")
                        + " parsing has shape " + shapes[i] + ": give one-hot maps of shape " + expected
                        + " (resize them nearest to the features' size)");
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInputs(inputShapes);
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInputs(inputShapes);
        Shape x = inputShapes[0];
        long n = x.get(0);
        long height = x.get(2);
        long width = x.get(3);
        partMaps.initialize(manager, dataType, x);
        partFuse.initialize(manager, dataType, new Shape(n, channels + PARTS, height, width));
        squeeze.initialize(manager, dataType, new Shape(n, channels, 1, 1));
        excite.initialize(manager, dataType, new Shape(n, Math.max(MIN_HIDDEN, channels / SE_REDUCTION), 1, 1));
        query.initialize(manager, dataType, new Shape(n, channels + PARTS, height, width));
        key.initialize(manager, dataType, new Shape(n, channels + PARTS, height, width));
        value.initialize(manager, dataType, x);
        merge.initialize(manager, dataType, new Shape(n, 3L * channels, height, width));
    }
}
