package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.engine.djl.internal.OnnxGraph.Value;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.deocc.engine.djl.internal.OnnxGraph.attribute;

/**
 * Writes the ONNX nodes of a block tree, one emitter per block type, walking the tree as
 * {@link MacCounter} does: DJL's generic layers (Conv2d, BatchNorm, Linear, SequentialBlock and the
 * ReLU / max-pool lambda blocks) and each of the engine's own blocks, whose emitters restate their
 * {@code forwardInternal} in ONNX operators, in inference mode. A block type without an emitter fails
 * the export: a graph that silently skipped a block would compute something else.
 *
 * <p>Batch norm directly after a convolution in a sequential block is folded into the convolution's
 * weights and bias (exact in real arithmetic; in float it differs by rounding only). Other batch norms
 * (after partial convolutions) become BatchNormalization nodes.
 *
 * <p>Children are found by the names their parents give them (DJL prefixes each with its position,
 * e.g. {@code 03encoder2}); a renamed child fails the export with the name it looked for.
 */
final class OnnxBlockWriter {
    private static final float PROBE_LOW = -2f;
    private static final float PROBE_HIGH = 2f;
    private static final int PROBE_SIDE = 9;

    private final OnnxGraph graph;
    private final NDManager scratch;
    // null: fold batch norms and name initializers freely; else each parameter's initializer gets its DJL path
    private final Map<Parameter, String> parameterNames;
    private int foldedBatchNorms;

    /**
     * @param scratch a manager for probes and constants computed at export time; the caller closes it
     * @param parameterNames when given (parameter → its path in the root block's {@code getParameters()}),
     *     every parameter is written unchanged as an initializer of that name and no batch norm is folded,
     *     so that the DJL engine can read the weights back from the file; {@code null} to fold
     */
    OnnxBlockWriter(OnnxGraph graph, NDManager scratch, Map<Parameter, String> parameterNames) {
        this.graph = graph;
        this.scratch = scratch;
        this.parameterNames = parameterNames;
    }

    int foldedBatchNorms() {
        return foldedBatchNorms;
    }

    /** Emits {@code block} applied to {@code inputs}; returns its outputs in the block's order. */
    List<Value> emit(Block block, List<Value> inputs) {
        if (block instanceof SequentialBlock sequential) {
            return sequential(sequential, inputs);
        }
        if (block instanceof Conv2d conv) {
            return List.of(conv(conv, single(block, inputs), null));
        }
        if (block instanceof BatchNorm norm) {
            return List.of(batchNorm(norm, single(block, inputs)));
        }
        if (block instanceof Linear linear) {
            return List.of(linear(linear, single(block, inputs)));
        }
        if (block instanceof LambdaBlock lambda) {
            return List.of(lambda(lambda, single(block, inputs)));
        }
        if (block instanceof UNetBlock unet) {
            return List.of(unet(unet, inputs.get(0)));
        }
        if (block instanceof ResNetBottleneckFusion fusion) {
            return List.of(resNetFusion(fusion, inputs.get(0), inputs.get(1)));
        }
        if (block instanceof ResNet18Encoder encoder) {
            Value stem = one(child(encoder, "stem"), single(block, inputs));
            return List.of(one(child(encoder, "stages"), stem));
        }
        if (block instanceof BasicResidualBlock residual) {
            return List.of(basicResidual(residual, single(block, inputs)));
        }
        if (block instanceof ResidualBlock residual) {
            return List.of(residual(residual, single(block, inputs)));
        }
        if (block instanceof SqueezeExcitationBlock gate) {
            return List.of(squeezeExcitation(gate, single(block, inputs)));
        }
        if (block instanceof PosePriorBlock posePrior) {
            return List.of(posePrior(posePrior, single(block, inputs)));
        }
        if (block instanceof StackedMaskNetwork stacked) {
            return stacked(stacked, single(block, inputs));
        }
        if (block instanceof PConvUNet pconv) {
            return List.of(pconvUNet(pconv, inputs));
        }
        if (block instanceof ParsingGuidedAttention pga) {
            return List.of(attention(pga, inputs.get(0), inputs.get(1), inputs.get(2)));
        }
        if (block instanceof AutoencoderBlock autoencoder) {
            return autoencoder(autoencoder, single(block, inputs));
        }
        throw unsupported(block, "");
    }

    static DeoccException unsupported(Block block, String detail) {
        return new DeoccException(ErrorCode.INVALID_ARGUMENT, "block " + block.getClass().getName()
                + " cannot be exported to ONNX yet" + detail + ": export one of the engine's backbones"
                + " (unet, resnet-unet, ae, vae, stacked-unet, stacked-unet-plain, pconv-unet, pconv-pga),"
                + " or teach OnnxBlockWriter this block type");
    }

    // ---- DJL's layers ----

    private List<Value> sequential(SequentialBlock sequential, List<Value> inputs) {
        List<Block> children = new ArrayList<>();
        for (Pair<String, Block> child : sequential.getChildren()) {
            children.add(child.getValue());
        }
        List<Value> current = inputs;
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            boolean foldable = parameterNames == null && child instanceof Conv2d && i + 1 < children.size()
                    && children.get(i + 1) instanceof BatchNorm;
            if (foldable) {
                current = List.of(conv((Conv2d) child, single(child, current), (BatchNorm) children.get(i + 1)));
                foldedBatchNorms++;
                i++;
            } else {
                current = emit(child, current);
            }
        }
        return current;
    }

    /** A convolution, with the following batch norm folded into its weights and bias when {@code norm} is given. */
    private Value conv(Convolution conv, Value x, BatchNorm norm) {
        Shape kernel = conv.getKernelShape();
        Shape stride = conv.getStride();
        Shape padding = conv.getPadding();
        Shape dilation = conv.getDilation();
        long[] weightDims = parameter(conv, "weight").getShape().getShape();
        int filters = (int) weightDims[0];
        List<Value> inputs = new ArrayList<>(List.of(x));
        if (norm == null) {
            inputs.add(weights(conv, "weight", weightDims));
            if (conv.isIncludeBias()) {
                inputs.add(weights(conv, "bias", filters));
            }
        } else {
            float[] weight = values(conv, "weight");
            float[] bias = conv.isIncludeBias() ? values(conv, "bias") : null;
            BatchNormValues bn = BatchNormValues.of(norm, filters);
            int perFilter = weight.length / filters;
            float[] folded = new float[filters];
            for (int f = 0; f < filters; f++) {
                double scale = bn.scale(f);
                for (int j = 0; j < perFilter; j++) {
                    weight[f * perFilter + j] = (float) (weight[f * perFilter + j] * scale);
                }
                double b = bias == null ? 0 : bias[f];
                folded[f] = (float) ((b - bn.mean[f]) * scale + bn.beta[f]);
            }
            inputs.add(graph.floats("weight", weight, weightDims));
            inputs.add(graph.floats("bias", folded, filters));
        }
        long[] out = {x.dim(0), filters,
                convSize(x.dim(2), kernel.get(0), stride.get(0), padding.get(0), dilation.get(0)),
                convSize(x.dim(3), kernel.get(1), stride.get(1), padding.get(1), dilation.get(1))};
        return graph.op("Conv", out, inputs,
                attribute("kernel_shape", kernel.getShape()),
                attribute("strides", stride.getShape()),
                attribute("pads", new long[] {padding.get(0), padding.get(1), padding.get(0), padding.get(1)}),
                attribute("dilations", dilation.getShape()),
                attribute("group", (long) conv.getGroups()));
    }

    private static long convSize(long size, long kernel, long stride, long padding, long dilation) {
        return (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
    }

    private Value batchNorm(BatchNorm norm, Value x) {
        int channels = (int) x.dim(1);
        BatchNormValues bn = BatchNormValues.of(norm, channels);
        return graph.op("BatchNormalization", x.dims(), List.of(x,
                        weights(norm, "gamma", channels), weights(norm, "beta", channels),
                        weights(norm, "runningMean", channels), weights(norm, "runningVar", channels)),
                attribute("epsilon", bn.epsilon));
    }

    /** The running statistics of an inference-mode batch norm over axis 1. */
    private record BatchNormValues(float[] gamma, float[] beta, float[] mean, float[] variance, float epsilon) {
        static BatchNormValues of(BatchNorm norm, int channels) {
            int axis = (int) privateField(norm, "axis");
            if (axis != 1) {
                throw unsupported(norm, " (it normalises axis " + axis + "; only axis 1, the channels, is supported)");
            }
            BatchNormValues values = new BatchNormValues(values(norm, "gamma"), values(norm, "beta"),
                    values(norm, "runningMean"), values(norm, "runningVar"), (float) privateField(norm, "epsilon"));
            if (values.gamma.length != channels) {
                throw new DeoccException(ErrorCode.INTERNAL, "a batch norm has " + values.gamma.length
                        + " channels but its input has " + channels + ": the block tree is inconsistent");
            }
            return values;
        }

        double scale(int channel) {
            return gamma[channel] / Math.sqrt((double) variance[channel] + epsilon);
        }
    }

    /**
     * DJL keeps a batch norm's axis and epsilon private; its jar is an automatic module, whose packages
     * are open, so reflection reads them. Failing here fails the export, never guesses a value.
     */
    private static Object privateField(BatchNorm norm, String name) {
        try {
            Field field = BatchNorm.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(norm);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeoccException(ErrorCode.INTERNAL, "cannot read the batch norm's " + name + " (" + e
                    + "): this DJL version hides it differently; update OnnxBlockWriter", e);
        }
    }

    /** DJL's Linear: y = x·Wᵀ + b over the last axis; only 2-D inputs occur in the engine. */
    private Value linear(Linear linear, Value x) {
        if (x.rank() != 2) {
            throw unsupported(linear, " (a dense layer on a " + x.rank() + "-D input; only N x features is supported)");
        }
        long[] weightDims = parameter(linear, "weight").getShape().getShape();
        // a dense layer built without bias has no bias parameter; Gemm's bias input is optional
        Value bias = linear.getDirectParameters().contains("bias")
                ? weights(linear, "bias", weightDims[0]) : null;
        return gemm(x, weights(linear, "weight", weightDims), bias, weightDims[0]);
    }

    private Value gemm(Value x, Value weight, Value bias, long units) {
        List<Value> inputs = bias == null ? List.of(x, weight) : List.of(x, weight, bias);
        return graph.op("Gemm", new long[] {x.dim(0), units}, inputs, attribute("transB", 1L));
    }

    /**
     * A lambda block is opaque, so it is identified by its name and then checked: it must compute
     * exactly what one candidate operator computes on a random probe, else the export fails.
     */
    private Value lambda(LambdaBlock lambda, Value x) {
        List<LambdaCandidate> candidates = new ArrayList<>();
        if ("ReLU".equals(lambda.getName())) {
            candidates.add(new LambdaCandidate(Activation::relu, v -> graph.same("Relu", v)));
        } else if ("maxPool2d".equals(lambda.getName())) {
            for (int kernel = 1; kernel <= 3; kernel++) {
                for (int stride = 1; stride <= 2; stride++) {
                    for (int pad = 0; pad <= kernel / 2; pad++) {
                        candidates.add(maxPool(kernel, stride, pad));
                    }
                }
            }
        }
        if (x.rank() == 4) {
            try (NDManager probe = scratch.newSubManager()) {
                NDArray input = probe.randomUniform(PROBE_LOW, PROBE_HIGH, new Shape(1, 2, PROBE_SIDE, PROBE_SIDE));
                NDArray actual = lambda.forward(new ParameterStore(probe, false), new NDList(input), false).singletonOrThrow();
                for (LambdaCandidate candidate : candidates) {
                    NDArray expected = candidate.reference().apply(input);
                    if (expected.getShape().equals(actual.getShape()) && expected.contentEquals(actual)) {
                        return candidate.emitter().apply(x);
                    }
                }
            }
        }
        throw unsupported(lambda, " (a lambda block named '" + lambda.getName() + "' that computes none of the known"
                + " operators: ReLU, or a max-pool of kernel 1-3, stride 1-2)");
    }

    private record LambdaCandidate(Function<NDArray, NDArray> reference, Function<Value, Value> emitter) {
    }

    private LambdaCandidate maxPool(int kernel, int stride, int pad) {
        Shape kernelShape = new Shape(kernel, kernel);
        Shape strideShape = new Shape(stride, stride);
        Shape padShape = new Shape(pad, pad);
        return new LambdaCandidate(a -> Pool.maxPool2d(a, kernelShape, strideShape, padShape, false),
                v -> graph.op("MaxPool", new long[] {v.dim(0), v.dim(1),
                                convSize(v.dim(2), kernel, stride, pad, 1), convSize(v.dim(3), kernel, stride, pad, 1)},
                        List.of(v),
                        attribute("kernel_shape", new long[] {kernel, kernel}),
                        attribute("strides", new long[] {stride, stride}),
                        attribute("pads", new long[] {pad, pad, pad, pad})));
    }

    // ---- the engine's blocks ----

    private Value unet(UNetBlock unet, Value input) {
        Map<String, Block> children = children(unet);
        int depth = 0;
        while (children.containsKey("encoder" + (depth + 1))) {
            depth++;
        }
        List<Value> skips = new ArrayList<>();
        Value x = one(required(unet, children, "encoder0"), input);
        for (int level = 1; level <= depth; level++) {
            skips.add(x);
            Value pooled = one(required(unet, children, "pool"), x);
            x = one(required(unet, children, "encoder" + level), pooled);
        }
        Block fusion = children.get("fusion");
        if (fusion != null) {
            x = emit(fusion, List.of(x, input)).get(0);
        }
        for (int level = depth - 1; level >= 0; level--) {
            Value skip = skips.get(level);
            Value up = resize(x, skip.dim(2), skip.dim(3), true);
            x = one(required(unet, children, "decoder" + level), concat(skip, up));
        }
        return one(required(unet, children, "head"), x);
    }

    private Value resNetFusion(ResNetBottleneckFusion fusion, Value bottleneck, Value input) {
        Value rgb = sliceChannels(input, 0, ResNetBottleneckFusion.RGB_CHANNELS);
        Value image = one(child(fusion, "imageEncoder"), rgb);
        Value resized = resize(image, bottleneck.dim(2), bottleneck.dim(3), true);
        return one(child(fusion, "merge"), concat(bottleneck, resized));
    }

    private Value basicResidual(BasicResidualBlock block, Value x) {
        Map<String, Block> children = children(block);
        Value residual = one(required(block, children, "residual"), x);
        Block shortcut = children.get("shortcut");
        Value skip = shortcut == null ? x : one(shortcut, x);
        return graph.same("Relu", graph.same("Add", skip, residual));
    }

    private Value residual(ResidualBlock block, Value x) {
        Map<String, Block> children = children(block);
        Value r = one(required(block, children, "conv1"), graph.same("Relu", x));
        r = one(required(block, children, "conv2"), graph.same("Relu", r));
        Block shortcut = children.get("shortcut");
        Value skip = shortcut == null ? x : one(shortcut, x);
        return graph.same("Relu", graph.same("Add", skip, r));
    }

    private Value squeezeExcitation(SqueezeExcitationBlock block, Value x) {
        long n = x.dim(0);
        long channels = x.dim(1);
        // the block sums over the plane and divides by its size (libtorch's mean in DJL takes one axis)
        Value sum = graph.op("ReduceSum", new long[] {n, channels}, List.of(x, graph.int64s(2, 3)), attribute("keepdims", 0L));
        Value pooled = graph.same("Div", sum, graph.scalar((float) (x.dim(2) * x.dim(3))));
        Value hidden = graph.same("Relu", one(child(block, "squeeze"), pooled));
        Value gate = graph.same("Sigmoid", one(child(block, "excite"), hidden));
        return graph.same("Mul", x, reshape(gate, 0, channels, 1, 1));
    }

    private Value posePrior(PosePriorBlock block, Value foreground) {
        long height = foreground.dim(2);
        long width = foreground.dim(3);
        int count = block.count();
        float[] masks;
        try (NDManager constants = scratch.newSubManager()) {
            // the same nearest resize the block runs, computed once at the export's size
            masks = block.resizedMasks(constants, height, width).toFloatArray();
        }
        Value bank = graph.floats("pose_masks", masks, 1, count, height, width);
        Value product = graph.op("Mul", new long[] {foreground.dim(0), count, height, width}, List.of(foreground, bank));
        Value affinity = graph.op("ReduceSum", new long[] {foreground.dim(0), count},
                List.of(product, graph.int64s(2, 3)), attribute("keepdims", 0L));
        Value weights = graph.op("Softmax", affinity.dims(), List.of(affinity), attribute("axis", 1L));
        Value weighted = graph.op("Mul", product.dims(), List.of(bank, reshape(weights, 0, count, 1, 1)));
        return one(child(block, "maps"), weighted);
    }

    private List<Value> stacked(StackedMaskNetwork network, Value input) {
        Map<String, Block> children = children(network);
        Value image = sliceChannels(input, 0, 3);
        Value features1 = one(required(network, children, "hourglass1"), input);
        Block visibleMaskHead = required(network, children, "visibleMaskHead");
        Block hourglass2 = required(network, children, "hourglass2");
        Block amodalMaskHead = required(network, children, "amodalMaskHead");
        if (!network.guided()) {
            Value refinedVisible = one(visibleMaskHead, features1);
            Value features2 = one(hourglass2, concat(image, features1));
            return List.of(refinedVisible, one(amodalMaskHead, features2));
        }
        Value parsing1 = one(required(network, children, "visibleParsingFeatures"), features1);
        Value visibleParsing = one(required(network, children, "visibleParsingHead"), parsing1);
        Value gated1 = one(required(network, children, "visibleGate"), parsing1);
        Value refinedVisible = one(visibleMaskHead, concat(features1, gated1));

        Value probabilities = graph.op("Softmax", refinedVisible.dims(), List.of(refinedVisible), attribute("axis", 1L));
        Value poseMaps = one(required(network, children, "posePrior"), sliceChannels(probabilities, 1, 2));

        Value features2 = one(hourglass2, concat(image, features1));
        Value parsing2 = one(required(network, children, "amodalParsingFeatures"), features2);
        Value amodalParsing = one(required(network, children, "amodalParsingHead"), parsing2);
        Value gated2 = one(required(network, children, "amodalGate"), parsing2);
        Value amodal = one(amodalMaskHead, concat(features2, gated2, poseMaps));
        return List.of(visibleParsing, refinedVisible, amodalParsing, amodal);
    }

    private Value pconvUNet(PConvUNet network, List<Value> inputs) {
        Map<String, Block> children = children(network);
        int levels = PConvUNet.LEVELS;
        Value input = inputs.get(0);
        Value[] features = new Value[levels + 1];
        Value[] masks = new Value[levels + 1];
        features[0] = input;
        masks[0] = knownRegion(input);
        for (int level = 1; level <= levels; level++) {
            PartialConv2d conv = partialConv(network, children, "encoder" + level);
            Value[] out = partialConv(conv, features[level - 1], masks[level - 1]);
            Value h = out[0];
            Block norm = children.get("encoderNorm" + level);
            if (norm != null) {
                h = one(norm, h);
            }
            h = graph.same("Relu", h);
            features[level] = attend(children.get("encoderPga" + level), h, inputs);
            masks[level] = out[1];
        }
        Value h = features[levels];
        Value mask = masks[levels];
        for (int level = levels - 1; level >= 0; level--) {
            Value skip = features[level];
            Value up = resize(h, skip.dim(2), skip.dim(3), false);
            Value upMask = resize(mask, skip.dim(2), skip.dim(3), false);
            Value merged = concat(up, skip);
            // one mask channel per feature channel, as the block broadcasts them
            Value mergedMask = concat(expandChannels(upMask, up.dim(1)), expandChannels(masks[level], skip.dim(1)));
            Value[] out = partialConv(partialConv(network, children, "decoder" + level), merged, mergedMask);
            mask = out[1];
            if (level == 0) {
                h = graph.op("Clip", out[0].dims(), List.of(out[0], graph.scalar(-1f), graph.scalar(1f)));
            } else {
                h = one(required(network, children, "decoderNorm" + level), out[0]);
                h = graph.op("LeakyRelu", h.dims(), List.of(h), attribute("alpha", PConvUNet.LEAKY_SLOPE));
                h = attend(children.get("decoderPga" + level), h, inputs);
            }
        }
        return h;
    }

    private static PartialConv2d partialConv(PConvUNet network, Map<String, Block> children, String name) {
        if (required(network, children, name) instanceof PartialConv2d conv) {
            return conv;
        }
        throw new DeoccException(ErrorCode.INTERNAL, "PConvUNet child '" + name + "' is no partial convolution:"
                + " update OnnxBlockWriter to the block's layout");
    }

    /** {@link PConvInputs#known}: 1 − amodal · (1 − visible), from the input's channels 3 and 4. */
    private Value knownRegion(Value input) {
        Value visible = sliceChannels(input, 3, 4);
        Value amodal = sliceChannels(input, 4, 5);
        Value one = graph.scalar(1f);
        Value hidden = graph.same("Mul", amodal, graph.op("Sub", visible.dims(), List.of(one, visible)));
        return graph.op("Sub", hidden.dims(), List.of(one, hidden));
    }

    private Value expandChannels(Value mask, long channels) {
        if (mask.dim(1) == channels) {
            return mask;
        }
        return graph.op("Expand", new long[] {mask.dim(0), channels, mask.dim(2), mask.dim(3)},
                List.of(mask, graph.int64s(1, channels, 1, 1)));
    }

    /** {@link PartialConv2d}'s renormalised convolution; returns the features and the updated mask. */
    private Value[] partialConv(PartialConv2d conv, Value x, Value mask) {
        long[] weightDims = parameter(conv, "weight").getShape().getShape();
        long filters = weightDims[0];
        long kernel = weightDims[2];
        long stride = conv.stride();
        long pad = kernel / 2;
        long maskChannels = mask.dim(1);
        long height = (x.dim(2) - 1) / stride + 1;
        long width = (x.dim(3) - 1) / stride + 1;
        long n = x.dim(0);
        AttributeSet geometry = new AttributeSet(kernel, stride, pad);

        float[] ones = new float[(int) (maskChannels * kernel * kernel)];
        Arrays.fill(ones, 1f);
        Value count = graph.op("Conv", new long[] {n, 1, height, width},
                List.of(mask, graph.floats("ones", ones, 1, maskChannels, kernel, kernel)), geometry.attributes());
        Value valid = graph.op("Greater", count.dims(), List.of(count, graph.scalar(0.5f)));
        Value updated = graph.op("Cast", count.dims(), List.of(valid),
                attribute("to", (long) TensorProto.DataType.FLOAT.getNumber()));
        Value ratio = graph.same("Reciprocal", graph.same("Max", count, graph.scalar(1f)));
        ratio = graph.same("Mul", graph.same("Mul", ratio, graph.scalar((float) (maskChannels * kernel * kernel))), updated);

        Value masked = graph.same("Mul", x, mask);
        Value convolved = graph.op("Conv", new long[] {n, filters, height, width},
                List.of(masked, weights(conv, "weight", weightDims)), geometry.attributes());
        Value out = graph.same("Mul", convolved, ratio);
        if (conv.getDirectParameters().contains("bias")) {
            Value bias = weights(conv, "bias", 1, filters, 1, 1);
            out = graph.same("Mul", graph.same("Add", out, bias), updated);
        }
        return new Value[] {out, updated};
    }

    private record AttributeSet(long kernel, long stride, long pad) {
        AttributeProto[] attributes() {
            return new AttributeProto[] {
                attribute("kernel_shape", new long[] {kernel, kernel}),
                attribute("strides", new long[] {stride, stride}),
                attribute("pads", new long[] {pad, pad, pad, pad}),
            };
        }
    }

    /** PConvUNet's attend: the parsings resized (nearest) to the level's size, then the block; no block, no change. */
    private Value attend(Block pga, Value h, List<Value> inputs) {
        if (pga == null) {
            return h;
        }
        Value visible = resize(inputs.get(1), h.dim(2), h.dim(3), false);
        Value amodal = resize(inputs.get(2), h.dim(2), h.dim(3), false);
        return emit(pga, List.of(h, visible, amodal)).get(0);
    }

    private Value attention(ParsingGuidedAttention pga, Value x, Value visibleParsing, Value amodalParsing) {
        Map<String, Block> children = children(pga);
        long n = x.dim(0);
        long channels = x.dim(1);
        long height = x.dim(2);
        long width = x.dim(3);

        Value parts = graph.same("Mul", one(required(pga, children, "partMaps"), x), amodalParsing);
        Value fused = graph.same("Relu", one(required(pga, children, "partFuse"), concat(x, parts)));
        Value pooled = graph.op("GlobalAveragePool", new long[] {n, channels, 1, 1}, List.of(fused));
        Value gate = one(required(pga, children, "excite"),
                graph.same("Relu", one(required(pga, children, "squeeze"), pooled)));
        Value partStream = graph.same("Mul", fused, graph.same("Sigmoid", gate));

        Value q = one(required(pga, children, "query"), concat(x, visibleParsing));
        Value k = one(required(pga, children, "key"), concat(x, amodalParsing));
        Value v = one(required(pga, children, "value"), x);
        long keyChannels = q.dim(1);
        int factor = ParsingGuidedAttention.poolingFactor(height, width);
        if (factor > 1) {
            q = averagePool(q, factor);
            k = averagePool(k, factor);
            v = averagePool(v, factor);
        }
        long h = v.dim(2);
        long w = v.dim(3);
        long positions = h * w;
        Value queries = transpose(reshape(q, 0, keyChannels, positions));
        Value keys = reshape(k, 0, keyChannels, positions);
        Value values = reshape(v, 0, channels, positions);
        Value affinity = graph.op("MatMul", new long[] {n, positions, positions}, List.of(queries, keys));
        affinity = graph.same("Div", affinity, graph.scalar((float) Math.sqrt(keyChannels)));
        Value byRowWeights = transpose(graph.op("Softmax", affinity.dims(), List.of(affinity), attribute("axis", 2L)));
        Value byColumnWeights = graph.op("Softmax", affinity.dims(), List.of(affinity), attribute("axis", 1L));
        Value byRow = reshape(graph.op("MatMul", values.dims(), List.of(values, byRowWeights)), 0, channels, h, w);
        Value byColumn = reshape(graph.op("MatMul", values.dims(), List.of(values, byColumnWeights)), 0, channels, h, w);
        if (factor > 1) {
            byRow = resize(byRow, height, width, false);
            byColumn = resize(byColumn, height, width, false);
        }
        return one(required(pga, children, "merge"), concat(partStream, byRow, byColumn));
    }

    /** DJL's avgPool2d with ceil mode and padding left out of the average, as the attention pools. */
    private Value averagePool(Value x, int factor) {
        long[] out = {x.dim(0), x.dim(1), (x.dim(2) + factor - 1) / factor, (x.dim(3) + factor - 1) / factor};
        return graph.op("AveragePool", out, List.of(x),
                attribute("kernel_shape", new long[] {factor, factor}),
                attribute("strides", new long[] {factor, factor}),
                attribute("ceil_mode", 1L),
                attribute("count_include_pad", 0L));
    }

    /** The autoencoders' inference path; a VAE's latent is its mean, so the graph is deterministic. */
    private List<Value> autoencoder(AutoencoderBlock autoencoder, Value input) {
        Map<String, Block> children = children(autoencoder);
        Value encoded = one(required(autoencoder, children, "encoder"), input);
        long n = input.dim(0);
        long bottomChannels = encoded.dim(1);
        long bottomHeight = encoded.dim(2);
        long bottomWidth = encoded.dim(3);
        long units = bottomChannels * bottomHeight * bottomWidth;
        Value flat = graph.op("Flatten", new long[] {n, units}, List.of(encoded), attribute("axis", 1L));
        Value mean = one(required(autoencoder, children, "toMean"), flat);
        Value logVariance = autoencoder.variational() ? one(required(autoencoder, children, "toLogVariance"), flat) : null;

        long[] weightDims = parameter(autoencoder, "fromLatentWeight").getShape().getShape();
        if (weightDims[0] != units) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "the autoencoder's dense decoder input was built for "
                    + weightDims[0] + " units but the export's input size gives " + units
                    + ": export at the input size the block was initialised with");
        }
        Value x = gemm(mean, weights(autoencoder, "fromLatentWeight", weightDims),
                weights(autoencoder, "fromLatentBias", weightDims[0]), weightDims[0]);
        x = graph.same("Relu", reshape(x, 0, bottomChannels, bottomHeight, bottomWidth));
        for (int level = countUpSteps(children) - 1; level >= 0; level--) {
            x = resize(x, input.dim(2) >> level, input.dim(3) >> level, true);
            x = one(required(autoencoder, children, "up" + level), x);
        }
        Value output = one(required(autoencoder, children, "head"), x);
        return logVariance == null ? List.of(output) : List.of(output, mean, logVariance);
    }

    private static int countUpSteps(Map<String, Block> children) {
        int steps = 0;
        while (children.containsKey("up" + steps)) {
            steps++;
        }
        return steps;
    }

    // ---- shared pieces ----

    private Value one(Block block, Value input) {
        List<Value> out = emit(block, List.of(input));
        if (out.size() != 1) {
            throw new DeoccException(ErrorCode.INTERNAL, block.getClass().getSimpleName() + " gave " + out.size()
                    + " outputs where one was expected: update OnnxBlockWriter");
        }
        return out.get(0);
    }

    private static Value single(Block block, List<Value> inputs) {
        if (inputs.size() != 1) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, block.getClass().getSimpleName() + " takes one input but "
                    + inputs.size() + " were given: pass the input shapes the block's forward pass takes");
        }
        return inputs.get(0);
    }

    private Value concat(Value... parts) {
        long[] dims = parts[0].dims().clone();
        dims[1] = 0;
        for (Value part : parts) {
            dims[1] += part.dim(1);
        }
        return graph.op("Concat", dims, List.of(parts), attribute("axis", 1L));
    }

    private Value sliceChannels(Value x, long from, long to) {
        long[] dims = x.dims().clone();
        dims[1] = to - from;
        return graph.op("Slice", dims, List.of(x, graph.int64s(from), graph.int64s(to), graph.int64s(1)));
    }

    /** A reshape whose 0 entries copy the input's dimension (the batch stays symbolic). */
    private Value reshape(Value x, long... target) {
        long[] dims = target.clone();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                dims[i] = x.dim(i);
            }
        }
        return graph.op("Reshape", dims, List.of(x, graph.int64s(target)));
    }

    /** Swaps the last two axes of a 3-D value. */
    private Value transpose(Value x) {
        return graph.op("Transpose", new long[] {x.dim(0), x.dim(2), x.dim(1)}, List.of(x),
                attribute("perm", new long[] {0, 2, 1}));
    }

    /**
     * libtorch's interpolate on an NCHW map: bilinear with align_corners=false, or (legacy) nearest.
     * Resizing to the same size is the identity in both modes, so no node is written then. The target
     * sizes are built from the input's own batch and channels so that the batch stays dynamic.
     */
    private Value resize(Value x, long height, long width, boolean bilinear) {
        if (x.dim(2) == height && x.dim(3) == width) {
            return x;
        }
        Value leading = graph.op("Shape", new long[] {2}, List.of(x), attribute("start", 0L), attribute("end", 2L));
        Value sizes = graph.op("Concat", new long[] {4}, List.of(leading, graph.int64s(height, width)), attribute("axis", 0L));
        long[] out = {x.dim(0), x.dim(1), height, width};
        List<Value> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.add(null);
        inputs.add(null);
        inputs.add(sizes);
        if (bilinear) {
            return graph.op("Resize", out, inputs, attribute("mode", "linear"),
                    attribute("coordinate_transformation_mode", "pytorch_half_pixel"));
        }
        return graph.op("Resize", out, inputs, attribute("mode", "nearest"),
                attribute("coordinate_transformation_mode", "asymmetric"), attribute("nearest_mode", "floor"));
    }

    private static Map<String, Block> children(Block block) {
        Map<String, Block> byName = new LinkedHashMap<>();
        for (Pair<String, Block> child : block.getChildren()) {
            // DJL prefixes child names with their position, e.g. "03encoder2"
            byName.put(child.getKey().replaceFirst("^\\d+", ""), child.getValue());
        }
        return byName;
    }

    private static Block child(Block parent, String name) {
        return required(parent, children(parent), name);
    }

    private static Block required(Block parent, Map<String, Block> children, String name) {
        Block child = children.get(name);
        if (child == null) {
            throw new DeoccException(ErrorCode.INTERNAL, parent.getClass().getSimpleName() + " has no child '" + name
                    + "' (children: " + children.keySet() + "): update OnnxBlockWriter to the block's layout");
        }
        return child;
    }

    private static Parameter parameter(Block block, String name) {
        ParameterList parameters = block.getDirectParameters();
        Parameter parameter = parameters.contains(name) ? parameters.get(name) : null;
        if (parameter == null || !parameter.isInitialized()) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, block.getClass().getSimpleName() + " has no initialised"
                    + " parameter '" + name + "': initialise the block (or load its weights) before exporting it");
        }
        return parameter;
    }

    /**
     * A parameter of {@code block} as an initializer of the given dims (its values unchanged): named by its
     * DJL path when the export keeps parameters, else by a unique hint.
     */
    private Value weights(Block block, String name, long... dims) {
        float[] data = values(block, name);
        if (parameterNames == null) {
            return graph.floats(name, data, dims);
        }
        String path = parameterNames.get(parameter(block, name));
        if (path == null) {
            throw new DeoccException(ErrorCode.INTERNAL, block.getClass().getSimpleName() + " parameter '" + name
                    + "' is not among the exported block's parameters: the block tree is inconsistent");
        }
        return graph.namedFloats(path, data, dims);
    }

    private static float[] values(Block block, String name) {
        NDArray array = parameter(block, name).getArray();
        if (array.getDataType() != DataType.FLOAT32) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, block.getClass().getSimpleName() + " parameter '" + name
                    + "' is " + array.getDataType() + ": export float32 networks only");
        }
        return array.toFloatArray();
    }
}
