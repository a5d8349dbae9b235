package io.deocc.engine.djl.internal;

import io.deocc.content.network.ContentTensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

import java.util.HashMap;
import java.util.Map;

/**
 * The paper's content-recovery network: a U-Net of partial convolutions ({@link PartialConv2d}),
 * optionally with parsing guided attention ({@link ParsingGuidedAttention}) after encoder levels 3
 * and 5 and decoder levels 5 and 3.
 *
 * <p>Inputs: {@code input} [N, 5, H, W] as {@link PConvInputs#input} prepares it (RGB in [−1, 1] with
 * the invisible region erased and the background dimmed, visible mask, amodal mask); with PGA also
 * the one-hot visible and amodal parsing maps [N, 19, H, W] ({@link PConvInputs#parsingOneHot}). The
 * partial convolutions' validity mask is derived from the two mask channels
 * ({@link PConvInputs#known}): every pixel except the invisible region. Output: the reconstruction
 * [N, 3, H, W], clamped to [−1, 1].
 *
 * <p>Encoder level l (1..7): partial conv with stride 2, kernels 7, 5, 5, 3, 3, 3, 3 and channels
 * b, 2b, 4b, 8b, 8b, 8b, 8b (the paper's b = 64), batch norm from level 2 on, ReLU. Decoder level l
 * (6..0): nearest up-sampling of the level below to this level's size, concatenation with the
 * encoder's features and masks of this level, partial conv3×3, then batch norm and LeakyReLU(0.2) —
 * except level 0, which maps to 3 channels with a bias and no normalisation.
 *
 * <p>Sizes: any H, W ≥ 1. Each stride-2 level has ⌈size / 2⌉ pixels and up-sampling resizes to the
 * skip's size, so a multiple of 2^7 = 128 (the paper's 256) makes every step an exact ×2, and other
 * sizes (e.g. 64, where the two deepest levels are 1×1) still work.
 */
final class PConvUNet extends AbstractBlock {
    /** RGB + visible mask + amodal mask. */
    static final int INPUT_CHANNELS = ContentTensors.INPUT_CHANNELS;
    static final int OUTPUT_CHANNELS = ContentTensors.OUTPUT_CHANNELS;
    static final int LEVELS = 7;
    /** The paper's first-level channel count. */
    static final int PAPER_BASE_CHANNELS = 64;
    static final int MAX_BASE_CHANNELS = 256;

    private static final byte VERSION = 1;
    private static final int[] KERNELS = {7, 5, 5, 3, 3, 3, 3};
    private static final int[] CHANNEL_FACTORS = {1, 2, 4, 8, 8, 8, 8};
    private static final int[] PGA_LEVELS = {3, 5};
    // package-private: the ONNX export writes the same slope
    static final float LEAKY_SLOPE = 0.2f;

    private final int baseChannels;
    private final boolean withPga;
    // index = level; encoder index 0 and decoder index 7 stay unused so that indices read as levels
    private final PartialConv2d[] encoder = new PartialConv2d[LEVELS + 1];
    private final Block[] encoderNorms = new Block[LEVELS + 1];
    private final PartialConv2d[] decoder = new PartialConv2d[LEVELS];
    private final Block[] decoderNorms = new Block[LEVELS];
    private final Map<Integer, ParsingGuidedAttention> encoderPga = new HashMap<>();
    private final Map<Integer, ParsingGuidedAttention> decoderPga = new HashMap<>();

    /**
     * @param baseChannels channels of the first encoder level (64 in the paper; 8 is 1/8 width)
     * @param withPga whether the four parsing guided attention blocks are present (then the forward
     *     pass needs the two parsing maps)
     */
    PConvUNet(int baseChannels, boolean withPga) {
        super(VERSION);
        DeoccException.checkArgument(baseChannels >= 1 && baseChannels <= MAX_BASE_CHANNELS, "PConv-UNet base channels "
                + baseChannels + " is out of range: give 1 to " + MAX_BASE_CHANNELS + " (the paper uses " + PAPER_BASE_CHANNELS + ")");
        this.baseChannels = baseChannels;
        this.withPga = withPga;
        for (int level = 1; level <= LEVELS; level++) {
            // a batch norm follows every level but the first, so only the first needs a bias
            encoder[level] = addChildBlock("encoder" + level,
                    new PartialConv2d(channels(level), KERNELS[level - 1], 2, level == 1));
            if (level > 1) {
                encoderNorms[level] = addChildBlock("encoderNorm" + level, BatchNorm.builder().build());
            }
        }
        for (int level = LEVELS - 1; level >= 0; level--) {
            boolean last = level == 0;
            decoder[level] = addChildBlock("decoder" + level,
                    new PartialConv2d(last ? OUTPUT_CHANNELS : channels(level), 3, 1, last));
            if (!last) {
                decoderNorms[level] = addChildBlock("decoderNorm" + level, BatchNorm.builder().build());
            }
        }
        if (withPga) {
            for (int level : PGA_LEVELS) {
                encoderPga.put(level, addChildBlock("encoderPga" + level, new ParsingGuidedAttention(channels(level))));
                decoderPga.put(level, addChildBlock("decoderPga" + level, new ParsingGuidedAttention(channels(level))));
            }
        }
    }

    /** Feature channels at a level: the input's 5 at level 0, then b·(1, 2, 4, 8, 8, 8, 8). */
    int channels(int level) {
        return level == 0 ? INPUT_CHANNELS : baseChannels * CHANNEL_FACTORS[level - 1];
    }

    boolean withPga() {
        return withPga;
    }

    /** Height or width of a level's maps: each stride-2 level rounds up. */
    static long levelSize(long size, int level) {
        long result = size;
        for (int i = 0; i < level; i++) {
            result = (result + 1) / 2;
        }
        return result;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        checkInputs(BlockShapes.of(inputs));
        NDArray input = inputs.get(0);
        NDArray[] features = new NDArray[LEVELS + 1];
        NDArray[] masks = new NDArray[LEVELS + 1];
        features[0] = input;
        masks[0] = PConvInputs.known(input);
        for (int level = 1; level <= LEVELS; level++) {
            NDList out = encoder[level].forward(store, new NDList(features[level - 1], masks[level - 1]), training, params);
            NDArray h = out.get(0);
            if (encoderNorms[level] != null) {
                h = encoderNorms[level].forward(store, new NDList(h), training, params).singletonOrThrow();
            }
            h = Activation.relu(h);
            features[level] = attend(encoderPga.get(level), store, h, inputs, training, params);
            masks[level] = out.get(1);
        }
        NDArray h = features[LEVELS];
        NDArray mask = masks[LEVELS];
        for (int level = LEVELS - 1; level >= 0; level--) {
            NDArray skip = features[level];
            long height = skip.getShape().get(2);
            long width = skip.getShape().get(3);
            NDArray up = ParsingGuidedAttention.resizeNearest(h, height, width);
            NDArray upMask = ParsingGuidedAttention.resizeNearest(mask, height, width);
            NDArray merged = up.concat(skip, 1);
            // one mask channel per feature channel, so each half of the concatenation keeps its own validity
            NDArray mergedMask = perChannel(upMask, up).concat(perChannel(masks[level], skip), 1);
            NDList out = decoder[level].forward(store, new NDList(merged, mergedMask), training, params);
            mask = out.get(1);
            if (level == 0) {
                h = out.get(0).clip(-1f, 1f);
            } else {
                h = decoderNorms[level].forward(store, new NDList(out.get(0)), training, params).singletonOrThrow();
                h = attend(decoderPga.get(level), store, Activation.leakyRelu(h, LEAKY_SLOPE), inputs, training, params);
            }
        }
        return new NDList(h);
    }

    private static NDArray perChannel(NDArray mask, NDArray features) {
        return mask.broadcast(features.getShape());
    }

    private static NDArray attend(ParsingGuidedAttention pga, ParameterStore store, NDArray h, NDList inputs,
            boolean training, PairList<String, Object> params) {
        if (pga == null) {
            return h;
        }
        long height = h.getShape().get(2);
        long width = h.getShape().get(3);
        NDArray visible = ParsingGuidedAttention.resizeNearest(inputs.get(1), height, width);
        NDArray amodal = ParsingGuidedAttention.resizeNearest(inputs.get(2), height, width);
        return pga.forward(store, new NDList(h, visible, amodal), training, params).singletonOrThrow();
    }

    private void checkInputs(Shape[] shapes) {
        int expected = withPga ? 3 : 1;
        if (shapes.length != expected) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "PConv-UNet " + (withPga ? "with" : "without")
                    + " PGA got " + shapes.length + " inputs: give " + (withPga
                            ? "three, the 5-channel input and the visible and amodal one-hot parsing maps"
                            : "only the 5-channel input"));
        }
        Shape input = shapes[0];
        if (input.dimension() != 4 || input.get(1) != INPUT_CHANNELS || input.get(2) < 1 || input.get(3) < 1) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "PConv-UNet input has shape " + input
                    + ": give [N," + INPUT_CHANNELS + ",H,W] (RGB, visible mask, amodal mask) as ContentTensors.input builds it");
        }
        if (withPga) {
            Shape parsing = new Shape(input.get(0), ParsingGuidedAttention.PARTS, input.get(2), input.get(3));
            for (int i = 1; i < 3; i++) {
                if (!shapes[i].equals(parsing)) {
                    throw new DeoccException(ErrorCode.SIZE_MISMATCH, "PConv-UNet " + (i == 1 ? "visible" : "amodal")
                            + " parsing has shape " + shapes[i] + ": give one-hot maps of shape " + parsing
                            + " as ContentTensors.parsingOneHot builds them");
                }
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInputs(inputShapes);
        Shape input = inputShapes[0];
        return new Shape[] {new Shape(input.get(0), OUTPUT_CHANNELS, input.get(2), input.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInputs(inputShapes);
        Shape input = inputShapes[0];
        for (int level = 1; level <= LEVELS; level++) {
            Shape below = levelShape(input, level - 1, channels(level - 1));
            encoder[level].initialize(manager, dataType, below, levelShape(input, level - 1, 1));
            Shape here = levelShape(input, level, channels(level));
            if (encoderNorms[level] != null) {
                encoderNorms[level].initialize(manager, dataType, here);
            }
            initializePga(encoderPga.get(level), manager, dataType, here);
        }
        for (int level = LEVELS - 1; level >= 0; level--) {
            // the map from below has channels(level + 1) channels, whether it comes from the encoder's
            // deepest level or from the decoder one level down
            Shape merged = levelShape(input, level, channels(level + 1) + channels(level));
            decoder[level].initialize(manager, dataType, merged, merged);
            if (level > 0) {
                Shape here = levelShape(input, level, channels(level));
                decoderNorms[level].initialize(manager, dataType, here);
                initializePga(decoderPga.get(level), manager, dataType, here);
            }
        }
    }

    private static void initializePga(ParsingGuidedAttention pga, NDManager manager, DataType dataType, Shape features) {
        if (pga != null) {
            Shape parsing = new Shape(features.get(0), ParsingGuidedAttention.PARTS, features.get(2), features.get(3));
            pga.initialize(manager, dataType, features, parsing, parsing);
        }
    }

    private static Shape levelShape(Shape input, int level, long channels) {
        return new Shape(input.get(0), channels, levelSize(input.get(2), level), levelSize(input.get(3), level));
    }
}
