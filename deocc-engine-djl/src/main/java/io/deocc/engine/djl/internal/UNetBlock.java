package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.model.BackboneSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A U-Net as in the paper's hourglasses: {@code depth + 1} levels with 16w, 32w, 64w, 128w channels
 * and 128w for every deeper level; each level is two conv3×3-BN-ReLU; 2×2 max-pooling goes down,
 * bilinear ×2 up-sampling goes up and is concatenated with the encoder's map of the same level; a
 * final 1×1 convolution (with bias) gives the requested output channels.
 *
 * <p>Decoder widths follow the classic U-Net: the step that merges the level-L skip narrows to the
 * channels of level L−1 (level 0 keeps channels(0)), so e.g. depth 4, w=4 runs 512+512 → 256,
 * 256+256 → 128, 128+128 → 64, 64+64 → 64, as in the paper's reference code; keeping each level's
 * own width instead costs about 1.6× the multiply-accumulates at w=4, depth 4.
 *
 * <p>Size rule: H and W must be multiples of 2^depth so that every pooled map up-samples back to
 * exactly its skip's size; other sizes are rejected rather than silently cropped or padded.
 *
 * <p>Extension point: an optional {@link BottleneckFusion} merges features of its own (computed from
 * the network input) into the deepest encoder map before decoding, e.g. the ResNet image encoder of
 * {@link ResNetUNetBackbone}. Without one, the block is the plain U-Net and its parameters are unchanged.
 */
final class UNetBlock extends AbstractBlock {
    // 2: decoder steps narrow to the next level's width; version-1 parameter files have other shapes
    private static final byte VERSION = 2;
    // BackboneSpec caps depth at 6, so channel counts stay well inside int
    private static final int BASE_CHANNELS = 16;
    private static final int WIDEST_LEVEL = 3;

    private final BackboneSpec spec;
    private final List<Block> encoder = new ArrayList<>();
    private final List<Block> decoder = new ArrayList<>();
    private final Block pool;
    private final Block head;
    // null for the plain U-Net
    private final BottleneckFusion fusion;

    UNetBlock(BackboneSpec spec) {
        this(spec, null);
    }

    /** A U-Net whose deepest encoder map passes through {@code fusion} (null: none) before decoding. */
    UNetBlock(BackboneSpec spec, BottleneckFusion fusion) {
        super(VERSION);
        this.spec = spec;
        for (int level = 0; level <= spec.depth(); level++) {
            encoder.add(addChildBlock("encoder" + level, doubleConv(channels(level))));
        }
        pool = addChildBlock("pool", Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        for (int level = 0; level < spec.depth(); level++) {
            decoder.add(addChildBlock("decoder" + level, doubleConv(decoderChannels(level))));
        }
        head = addChildBlock("head", Conv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(spec.outputChannels())
                .build());
        this.fusion = fusion == null ? null : addChildBlock("fusion", fusion);
    }

    /**
     * Merges extra features into the U-Net's bottleneck. {@code forward} receives
     * {@code [bottleneck N×C×h×w, network input N×C_in×H×W]} and must return one map of the bottleneck's
     * shape; {@code initialize} receives those two shapes.
     */
    interface BottleneckFusion extends Block {
        /** The factor the network input's H and W must be a multiple of for this fusion to work. */
        int sizeMultiple();
    }

    /** The factor H and W must be a multiple of: 2^depth, or its lcm with the fusion's factor. */
    long sizeMultiple() {
        long own = spec.sizeMultiple();
        return fusion == null ? own : lcm(own, fusion.sizeMultiple());
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    /** Channels of the feature maps at a level: 16w·2^level, capped at 128w. */
    int channels(int level) {
        return channels(spec, level);
    }

    /** Channels of a level for a spec, e.g. of the bottleneck ({@code level = depth}) a fusion must keep. */
    static int channels(BackboneSpec spec, int level) {
        return BASE_CHANNELS * spec.width() << Math.min(level, WIDEST_LEVEL);
    }

    /** Channels the decoder step merging the level's skip gives: those of the level above it. */
    int decoderChannels(int level) {
        return channels(Math.max(level - 1, 0));
    }

    /**
     * Channels of the map that is up-sampled into the decoder step of a level: the encoder's deepest
     * map for the first step, the decoder's output one level down for the others.
     */
    private int channelsFromBelow(int level) {
        return level == spec.depth() - 1 ? channels(spec.depth()) : decoderChannels(level + 1);
    }

    private static Block doubleConv(int channels) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            // no conv bias: the batch norm's shift makes it redundant
            block.add(Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .optPadding(new Shape(1, 1))
                            .setFilters(channels)
                            .optBias(false)
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
        }
        return block;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        checkInputShape(input.getShape());
        List<NDArray> skips = new ArrayList<>();
        NDArray x = encoder.get(0).forward(store, new NDList(input), training, params).singletonOrThrow();
        for (int level = 1; level <= spec.depth(); level++) {
            skips.add(x);
            NDArray pooled = pool.forward(store, new NDList(x), training, params).singletonOrThrow();
            x = encoder.get(level).forward(store, new NDList(pooled), training, params).singletonOrThrow();
        }
        if (fusion != null) {
            x = fusion.forward(store, new NDList(x, input), training, params).singletonOrThrow();
        }
        for (int level = spec.depth() - 1; level >= 0; level--) {
            NDArray skip = skips.get(level);
            NDArray up = upsampleBilinear(x, skip.getShape().get(2), skip.getShape().get(3));
            NDArray merged = NDArrays.concat(new NDList(skip, up), 1);
            x = decoder.get(level).forward(store, new NDList(merged), training, params).singletonOrThrow();
        }
        return head.forward(store, new NDList(x), training, params);
    }

    /**
     * Bilinear resize of an NCHW map through libtorch's interpolate with align_corners=false (the
     * reference code uses align_corners=true; the difference is a sub-pixel shift at each step, kept
     * until trained weights are ported). NDImageUtils.resize would treat the array as an HWC image.
     */
    static NDArray upsampleBilinear(NDArray x, long height, long width) {
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, InterpolationMode.BILINEAR.code(), false);
    }

    private void checkInputShape(Shape shape) {
        if (shape.dimension() != 4) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "U-Net input has shape " + shape
                    + ": give a 4-D tensor N x " + spec.inputChannels() + " x H x W");
        }
        if (shape.get(1) != spec.inputChannels()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "U-Net input has " + shape.get(1)
                    + " channels but the network was built for " + spec.inputChannels()
                    + ": give an input with " + spec.inputChannels() + " channels");
        }
        long multiple = sizeMultiple();
        long height = shape.get(2);
        long width = shape.get(3);
        if (height < multiple || width < multiple || height % multiple != 0 || width % multiple != 0) {
            String rule = fusion == null ? "2^" + spec.depth() + " = " + multiple
                    : "lcm(2^" + spec.depth() + ", " + fusion.sizeMultiple() + ") = " + multiple
                            + " (the bottleneck fusion needs multiples of " + fusion.sizeMultiple() + ")";
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "U-Net input is " + width + "x" + height
                    + " but a depth-" + spec.depth() + " U-Net needs H and W to be positive multiples of "
                    + rule + ": resize or pad the input to such a size, e.g. "
                    + roundUp(width, multiple) + "x" + roundUp(height, multiple));
        }
    }

    private static long roundUp(long value, long multiple) {
        return Math.max(multiple, (value + multiple - 1) / multiple * multiple);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        checkInputShape(in);
        return new Shape[] {new Shape(in.get(0), spec.outputChannels(), in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        checkInputShape(in);
        long n = in.get(0);
        long height = in.get(2);
        long width = in.get(3);
        encoder.get(0).initialize(manager, dataType, in);
        // parameter-free, but DJL records every child's input shape when saving parameters
        pool.initialize(manager, dataType, new Shape(n, channels(0), height, width));
        for (int level = 1; level <= spec.depth(); level++) {
            encoder.get(level).initialize(manager, dataType,
                    new Shape(n, channels(level - 1), height >> level, width >> level));
        }
        if (fusion != null) {
            fusion.initialize(manager, dataType,
                    new Shape(n, channels(spec.depth()), height >> spec.depth(), width >> spec.depth()), in);
        }
        for (int level = spec.depth() - 1; level >= 0; level--) {
            decoder.get(level).initialize(manager, dataType,
                    new Shape(n, channels(level) + channelsFromBelow(level), height >> level, width >> level));
        }
        head.initialize(manager, dataType, new Shape(n, decoderChannels(0), height, width));
    }

    /**
     * The mode codes of DJL's PyTorch {@code interpolation} for 4-D inputs, found by probing libtorch
     * 2.7.1 (codes 4 and up are refused) and pinned by hand-computed values in the tests.
     */
    enum InterpolationMode {
        NEAREST(0), BILINEAR(1), AREA(2), BICUBIC(3);

        private final int code;

        InterpolationMode(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }
    }
}
