package io.deocc.engine.djl.internal;

import io.deocc.mask.network.MaskNetwork;
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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.LipClass;
import io.deocc.model.BackboneSpec;
import io.deocc.mask.pose.PoseMaskBank;

/**
 * The paper's mask completion network: two stacked hourglasses (U-Nets, {@link UNetBlock}) with human
 * parsing heads and a pose prior.
 *
 * <ol>
 *   <li>Hourglass 1 reads RGB + the segmenter's visible mask (4 channels) and gives 16w feature maps.
 *       A residual block to 32 channels feeds a 20-class <em>visible parsing</em> head; a
 *       squeeze-excitation gate on those 32 maps is concatenated with the features, and conv-ReLU-conv
 *       gives the 2-class <em>refined visible</em> logits.</li>
 *   <li>Pose prior ({@link PosePriorBlock}): the K bank masks, re-weighted by a softmax over their
 *       affinity to the refined visible foreground, become K/2 feature maps.</li>
 *   <li>Hourglass 2 reads RGB + hourglass 1's features; a 20-class <em>amodal parsing</em> head as
 *       above; the 2-class <em>amodal</em> logits come from [features, gated parsing maps, pose maps].</li>
 * </ol>
 *
 * <p>As in the reference, the gates and the pose prior see their inputs with gradients stopped: the
 * parsing branch is trained by its own loss only, and the pose weights do not push the visible head.
 *
 * <p>Input N×4×S×S; output, in this order: visible parsing N×20×S×S, refined visible N×2×S×S, amodal
 * parsing N×20×S×S, amodal N×2×S×S (all logits). S must be a multiple of 2^depth and at least the
 * bank's mask side.
 *
 * <p>Difference from the reference: each {@link UNetBlock} ends in a 1×1 convolution that the
 * reference does not have, so at w=4, depth 4, S=256 this net costs about 76.2 GMAC against the
 * reference's 73.3 (see StackedMaskMacsTest).
 */
public final class StackedMaskNetwork extends AbstractBlock {
    // the output layout is the mask stage's contract (MaskNetwork reads it for every engine); named here too for the block's own code
    /** Index of the visible parsing logits in the output list. */
    public static final int VISIBLE_PARSING = MaskNetwork.VISIBLE_PARSING;
    /** Index of the refined visible mask logits in the output list. */
    public static final int REFINED_VISIBLE = MaskNetwork.REFINED_VISIBLE;
    /** Index of the amodal parsing logits in the output list. */
    public static final int AMODAL_PARSING = MaskNetwork.AMODAL_PARSING;
    /** Index of the amodal mask logits in the output list. */
    public static final int AMODAL = MaskNetwork.AMODAL;
    /** Index of the refined visible logits in the plain (unguided) stack's output list. */
    public static final int PLAIN_REFINED_VISIBLE = MaskNetwork.PLAIN_REFINED_VISIBLE;
    /** Index of the amodal logits in the plain (unguided) stack's output list. */
    public static final int PLAIN_AMODAL = MaskNetwork.PLAIN_AMODAL;
    /** Input channels: red, green, blue, visible mask. */
    public static final int INPUT_CHANNELS = MaskNetwork.INPUT_CHANNELS;
    /** Parsing classes: the 20 LIP labels, background included. */
    public static final int PARSING_CLASSES = MaskNetwork.PARSING_CLASSES;
    /** Mask classes: background and person. */
    public static final int MASK_CLASSES = MaskNetwork.MASK_CLASSES;

    private static final byte VERSION = 1;
    private static final int IMAGE_CHANNELS = 3;
    private static final int PARSING_FEATURES = 32;
    private static final int SE_REDUCTION = 4;
    private static final int VISIBLE_HEAD_HIDDEN = 16;
    private static final int AMODAL_HEAD_HIDDEN = 32;

    private final int width;
    private final int depth;
    private final int features;
    private final boolean guided;
    private final Block hourglass1;
    private final Block visibleParsingFeatures;
    private final Block visibleParsingHead;
    private final Block visibleGate;
    private final Block visibleMaskHead;
    private final PosePriorBlock posePrior;
    private final Block hourglass2;
    private final Block amodalParsingFeatures;
    private final Block amodalParsingHead;
    private final Block amodalGate;
    private final Block amodalMaskHead;

    /**
     * Builds the network; parameters initialise on {@code initialize} (deterministic after {@link DjlEngine#seed}).
     *
     * @param width width multiplier w of both U-Nets (the paper's is 4)
     * @param depth number of 2× down-samplings of both U-Nets (the paper's is 4)
     * @param poseMasks the pose prior's bank, 2 to {@value PosePriorBlock#MAX_MASKS} masks of at least 2×2
     * @throws DeoccException {@code INVALID_ARGUMENT} when width, depth or the bank is out of range
     */
    public StackedMaskNetwork(int width, int depth, PoseMaskBank poseMasks) {
        this(width, depth, poseMasks, true);
    }

    /**
     * With {@code guided} false, the ablation's plain stack: the same two hourglasses and mask heads, but
     * no parsing heads, gates or pose prior; the forward pass then returns only the refined visible and
     * the amodal logits, in that order ({@link #PLAIN_REFINED_VISIBLE}, {@link #PLAIN_AMODAL}).
     */
    StackedMaskNetwork(int width, int depth, PoseMaskBank poseMasks, boolean guided) {
        super(VERSION);
        DeoccException.checkNotNull(poseMasks, "poseMasks");
        this.width = width;
        this.depth = depth;
        this.guided = guided;
        // BackboneSpec validates width and depth with messages that give the allowed ranges; checked
        // before the channel counts derived from them so that the message names the real culprit
        new BackboneSpec(INPUT_CHANNELS, 1, depth, width);
        BackboneSpec first = new BackboneSpec(INPUT_CHANNELS, 16 * width, depth, width);
        this.features = first.outputChannels();
        BackboneSpec second = new BackboneSpec(IMAGE_CHANNELS + features, features, depth, width);
        posePrior = new PosePriorBlock(poseMasks);

        hourglass1 = addChildBlock("hourglass1", new UNetBlock(first));
        visibleParsingFeatures = guided ? addChildBlock("visibleParsingFeatures", new ResidualBlock(features, PARSING_FEATURES)) : null;
        visibleParsingHead = guided ? addChildBlock("visibleParsingHead", conv3x3(PARSING_CLASSES)) : null;
        visibleGate = guided ? addChildBlock("visibleGate", new SqueezeExcitationBlock(PARSING_FEATURES, SE_REDUCTION)) : null;
        visibleMaskHead = addChildBlock("visibleMaskHead", maskHead(VISIBLE_HEAD_HIDDEN));
        if (guided) {
            addChildBlock("posePrior", posePrior);
        }
        hourglass2 = addChildBlock("hourglass2", new UNetBlock(second));
        amodalParsingFeatures = guided ? addChildBlock("amodalParsingFeatures", new ResidualBlock(features, PARSING_FEATURES)) : null;
        amodalParsingHead = guided ? addChildBlock("amodalParsingHead", conv3x3(PARSING_CLASSES)) : null;
        amodalGate = guided ? addChildBlock("amodalGate", new SqueezeExcitationBlock(PARSING_FEATURES, SE_REDUCTION)) : null;
        amodalMaskHead = addChildBlock("amodalMaskHead", maskHead(AMODAL_HEAD_HIDDEN));
    }

    /** The U-Nets' width multiplier w. */
    public int width() {
        return width;
    }

    /** The U-Nets' depth. */
    public int depth() {
        return depth;
    }

    /** Whether the parsing heads, gates and pose prior are present (false: the ablation's plain stack). */
    public boolean guided() {
        return guided;
    }

    /** Number of pose masks K in the prior. */
    public int poseMaskCount() {
        return posePrior.count();
    }

    /** Channels of each hourglass's feature maps: 16w. */
    public int featureChannels() {
        return features;
    }

    /**
     * The pose prior's weights for refined visible logits (e.g. this network's {@link #REFINED_VISIBLE}
     * output): N×K, each row a softmax over the bank's masks.
     */
    public NDArray poseWeights(NDArray refinedVisibleLogits) {
        DeoccException.checkNotNull(refinedVisibleLogits, "refinedVisibleLogits");
        Shape shape = refinedVisibleLogits.getShape();
        if (shape.dimension() != 4 || shape.get(1) != MASK_CLASSES) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "refined visible logits have shape " + shape
                    + ": give N x " + MASK_CLASSES + " x H x W logits");
        }
        posePrior.checkInputSize(shape.get(2), shape.get(3));
        return posePrior.weights(foreground(refinedVisibleLogits));
    }

    /** The person class's softmax probability of 2-class mask logits: N×1×H×W. */
    public static NDArray foreground(NDArray maskLogits) {
        DeoccException.checkNotNull(maskLogits, "maskLogits");
        return maskLogits.softmax(1).get(":, 1:2");
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        checkInputShape(input.getShape());
        NDArray image = input.get(":, 0:3");

        NDArray features1 = run(hourglass1, store, input, training, params);
        if (!guided) {
            NDArray refinedVisible = run(visibleMaskHead, store, features1, training, params);
            NDArray features2 = run(hourglass2, store, NDArrays.concat(new NDList(image, features1), 1), training, params);
            return new NDList(refinedVisible, run(amodalMaskHead, store, features2, training, params));
        }
        NDArray parsing1 = run(visibleParsingFeatures, store, features1, training, params);
        NDArray visibleParsing = run(visibleParsingHead, store, parsing1, training, params);
        NDArray gated1 = run(visibleGate, store, parsing1.stopGradient(), training, params);
        NDArray refinedVisible = run(visibleMaskHead, store, NDArrays.concat(new NDList(features1, gated1), 1), training, params);

        NDArray poseMaps = run(posePrior, store, foreground(refinedVisible).stopGradient(), training, params);

        NDArray features2 = run(hourglass2, store, NDArrays.concat(new NDList(image, features1), 1), training, params);
        NDArray parsing2 = run(amodalParsingFeatures, store, features2, training, params);
        NDArray amodalParsing = run(amodalParsingHead, store, parsing2, training, params);
        NDArray gated2 = run(amodalGate, store, parsing2.stopGradient(), training, params);
        NDArray amodal = run(amodalMaskHead, store, NDArrays.concat(new NDList(features2, gated2, poseMaps), 1), training, params);
        return new NDList(visibleParsing, refinedVisible, amodalParsing, amodal);
    }

    private static NDArray run(Block block, ParameterStore store, NDArray input, boolean training,
            PairList<String, Object> params) {
        return block.forward(store, new NDList(input), training, params).singletonOrThrow();
    }

    private void checkInputShape(Shape shape) {
        if (shape.dimension() != 4 || shape.get(1) != INPUT_CHANNELS) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "stacked mask network input has shape " + shape
                    + ": give N x " + INPUT_CHANNELS + " x S x S (red, green, blue, visible mask)");
        }
        long multiple = 1L << depth;
        long height = shape.get(2);
        long side = shape.get(3);
        if (height % multiple != 0 || side % multiple != 0 || height < multiple || side < multiple) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "stacked mask network input is " + side + "x" + height
                    + " but depth " + depth + " needs H and W to be positive multiples of " + multiple
                    + ": resize or pad the crop, e.g. to " + Math.max(multiple, (side + multiple - 1) / multiple * multiple)
                    + "x" + Math.max(multiple, (height + multiple - 1) / multiple * multiple));
        }
        posePrior.checkInputSize(height, side);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        checkInputShape(in);
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        if (!guided) {
            return new Shape[] {new Shape(n, MASK_CLASSES, h, w), new Shape(n, MASK_CLASSES, h, w)};
        }
        return new Shape[] {
            new Shape(n, PARSING_CLASSES, h, w),
            new Shape(n, MASK_CLASSES, h, w),
            new Shape(n, PARSING_CLASSES, h, w),
            new Shape(n, MASK_CLASSES, h, w),
        };
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        checkInputShape(in);
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        Shape featureShape = new Shape(n, features, h, w);
        Shape parsingShape = new Shape(n, PARSING_FEATURES, h, w);
        hourglass1.initialize(manager, dataType, in);
        if (!guided) {
            visibleMaskHead.initialize(manager, dataType, featureShape);
            hourglass2.initialize(manager, dataType, new Shape(n, IMAGE_CHANNELS + features, h, w));
            amodalMaskHead.initialize(manager, dataType, featureShape);
            return;
        }
        visibleParsingFeatures.initialize(manager, dataType, featureShape);
        visibleParsingHead.initialize(manager, dataType, parsingShape);
        visibleGate.initialize(manager, dataType, parsingShape);
        visibleMaskHead.initialize(manager, dataType, new Shape(n, features + PARSING_FEATURES, h, w));
        posePrior.initialize(manager, dataType, new Shape(n, 1, h, w));
        hourglass2.initialize(manager, dataType, new Shape(n, IMAGE_CHANNELS + features, h, w));
        amodalParsingFeatures.initialize(manager, dataType, featureShape);
        amodalParsingHead.initialize(manager, dataType, parsingShape);
        amodalGate.initialize(manager, dataType, parsingShape);
        amodalMaskHead.initialize(manager, dataType,
                new Shape(n, features + PARSING_FEATURES + posePrior.mapCount(), h, w));
    }

    /** A same-size 3×3 convolution with bias. */
    static Block conv3x3(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    private static Block maskHead(int hidden) {
        return new SequentialBlock()
                .add(conv3x3(hidden))
                .add(Activation.reluBlock())
                .add(conv3x3(MASK_CLASSES));
    }
}
