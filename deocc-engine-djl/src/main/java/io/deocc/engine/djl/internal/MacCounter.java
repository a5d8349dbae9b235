package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.convolutional.Deconvolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

import java.util.Arrays;

/**
 * Counts the multiply-accumulates (MACs) of one forward pass of a block tree from its layer shapes,
 * the way shared/peer/flops.py counts the reference networks: a convolution costs its output elements
 * × input channels per group × kernel area, a dense layer its rows × inputs × outputs, a batched
 * matrix product b·m·k·n. The engine's own blocks with arithmetic outside child layers add theirs: the
 * pose prior's affinity (K products per pixel), parsing guided attention's three batched products and
 * the autoencoder's dense decoder input. Normalisation, activations, pooling, resizing and element-wise
 * products are not counted (nor by flops.py).
 *
 * <p>How shapes are found: DJL records each block's input shapes when it is initialised, and
 * re-initialising an initialised block re-records them without touching its parameters. So the count
 * re-initialises the tree at the requested shapes, walks it, and re-initialises it at its original
 * shapes afterwards. A block applied at several sizes within one pass would be counted once; the
 * engine's parameterised blocks are each applied once. A block type with parameters that the counter
 * does not know fails loudly rather than being counted as free.
 */
public final class MacCounter {
    private MacCounter() {
    }

    /**
     * MACs of one forward pass of an initialised block at the given input shapes (batch included).
     * Not thread-safe with respect to the block: do not run it while another thread uses the block.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null or uninitialised block or missing shapes;
     *     the block's own code (usually {@code SIZE_MISMATCH}) for shapes it rejects; {@code SIZE_MISMATCH}
     *     when a layer's parameters were sized for another input (an autoencoder initialised at another
     *     size); {@code INTERNAL} for a block type with parameters that cannot be counted
     */
    public static long multiplyAccumulates(Block block, Shape... inputShapes) {
        DeoccException.checkNotNull(block, "block");
        DeoccException.checkNotNull(inputShapes, "inputShapes");
        DeoccException.checkArgument(inputShapes.length > 0,
                "no input shapes were given: pass one shape per network input, e.g. new Shape(1, 4, 256, 256)");
        for (Shape shape : inputShapes) {
            DeoccException.checkNotNull(shape, "inputShapes[i]");
        }
        DeoccException.checkArgument(block.isInitialized() && !block.getParameters().isEmpty(),
                "the block is not initialised (or has no parameters), so its layer sizes are unknown: call block.initialize(manager, "
                        + "DataType.FLOAT32, shapes) first (any input size; the count re-runs shape inference)");
        Shape[] original = block.getInputShapes();
        // all parameters exist already, so initialisation allocates nothing on this manager
        try (NDManager scratch = managerOf(block).newSubManager()) {
            reinitialise(block, scratch, inputShapes);
            try {
                return count(block);
            } finally {
                if (original != null) {
                    reinitialise(block, scratch, original);
                }
            }
        }
    }

    private static NDManager managerOf(Block block) {
        return block.getParameters().get(0).getValue().getArray().getManager();
    }

    private static void reinitialise(Block block, NDManager manager, Shape[] shapes) {
        try {
            block.initialize(manager, DataType.FLOAT32, shapes);
        } catch (DeoccException e) {
            // keep the block's own code (e.g. SIZE_MISMATCH), adding which shapes were asked for
            throw new DeoccException(e.errorCode(), "cannot count the block at input shapes "
                    + Arrays.toString(shapes) + ": " + e.getMessage(), e);
        }
    }

    private static long count(Block block) {
        long macs = 0;
        if (hasParameters(block) || block instanceof PosePriorBlock || block instanceof ParsingGuidedAttention) {
            macs += ownMacs(block, block.getInputShapes());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            macs += count(child.getValue());
        }
        return macs;
    }

    private static boolean hasParameters(Block block) {
        return !block.getDirectParameters().isEmpty();
    }

    private static long ownMacs(Block block, Shape[] in) {
        if (block instanceof Convolution) {
            Shape weight = weightShape(block, "weight");
            Shape out = block.getOutputShapes(in)[0];
            return out.size() * (weight.size() / weight.get(0));
        }
        if (block instanceof Deconvolution) {
            // every input element is spread over outputs per group × kernel area
            Shape weight = weightShape(block, "weight");
            return in[0].size() * (weight.size() / weight.get(0));
        }
        if (block instanceof Linear) {
            Shape weight = weightShape(block, "weight");
            long features = in[0].get(in[0].dimension() - 1);
            checkFits(block, features, weight.get(1));
            return in[0].size() / features * weight.size();
        }
        if (block instanceof PartialConv2d) {
            // the validity-count convolution has one fixed kernel and is left out, as in flops.py
            Shape weight = weightShape(block, "weight");
            Shape out = block.getOutputShapes(in)[0];
            return out.size() * (weight.size() / weight.get(0));
        }
        if (block instanceof PosePriorBlock posePrior) {
            // affinity: each of the K masks times the foreground, summed over the pixels
            return in[0].size() * posePrior.count();
        }
        if (block instanceof ParsingGuidedAttention) {
            return attentionMacs(block, in[0]);
        }
        if (block instanceof AutoencoderBlock) {
            // the decoder's dense input layer, latent → deepest map, applied in forwardInternal
            Shape weight = weightShape(block, "fromLatentWeight");
            return in[0].get(0) * weight.size();
        }
        if (block instanceof BatchNorm || block instanceof LayerNorm) {
            return 0;
        }
        throw new DeoccException(ErrorCode.INTERNAL, "the MAC counter does not know block type "
                + block.getClass().getName() + ", which has parameters: teach MacCounter its arithmetic");
    }

    /** q·k (P×P×d) and the two value products (C×P×P each), on the pooled positions P. */
    private static long attentionMacs(Block block, Shape features) {
        long n = features.get(0);
        long channels = features.get(1);
        int factor = ParsingGuidedAttention.poolingFactor(features.get(2), features.get(3));
        long positions = ceilDiv(features.get(2), factor) * ceilDiv(features.get(3), factor);
        long keyChannels = childWeightShape(block, "query").get(0);
        return n * positions * keyChannels * positions + 2 * n * channels * positions * positions;
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }

    private static Shape childWeightShape(Block block, String childName) {
        for (Pair<String, Block> child : block.getChildren()) {
            // DJL prefixes child names with their position, e.g. "05query"
            if (child.getKey().endsWith(childName)) {
                return weightShape(child.getValue(), "weight");
            }
        }
        throw new DeoccException(ErrorCode.INTERNAL, block.getClass().getSimpleName() + " has no child '"
                + childName + "': update MacCounter to the block's new layout");
    }

    private static Shape weightShape(Block block, String name) {
        ParameterList parameters = block.getDirectParameters();
        Parameter weight = parameters.contains(name) ? parameters.get(name) : null;
        if (weight == null || weight.getShape() == null) {
            throw new DeoccException(ErrorCode.INTERNAL, block.getClass().getSimpleName() + " has no sized parameter '"
                    + name + "': update MacCounter to the block's parameters");
        }
        return weight.getShape();
    }

    private static void checkFits(Block block, long inputFeatures, long weightFeatures) {
        if (inputFeatures != weightFeatures) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "a " + block.getClass().getSimpleName() + " layer gets "
                    + inputFeatures + " features at these shapes but was built for " + weightFeatures
                    + ": count the block at the input size it was initialised with");
        }
    }
}
