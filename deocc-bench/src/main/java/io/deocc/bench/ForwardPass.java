package io.deocc.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.engine.djl.NetworkCost;
import io.deocc.engine.djl.Networks;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.export.OnnxExport;
import io.deocc.engine.djl.export.OnnxExportSummary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One network built, initialised and fed with a fixed synthetic batch, ready for timed inference passes:
 * what every benchmark, the smoke test and the memory probe share.
 *
 * <p>Inference means: parameters frozen (no autograd graph is recorded, whatever libtorch's
 * thread-local grad mode is on the benchmark thread), {@code training = false} (batch norms use their
 * running statistics), and every pass under its own sub-manager that is closed afterwards, so that the
 * pass's activations are freed before the next one starts — the way the pipeline's components run.
 *
 * <p>Inputs are deterministic: pseudo-random RGB, a box-shaped person whose lower third is hidden (the
 * visible and amodal mask channels) and, for {@value #PGA}, one-hot parsing maps with a horizontal band
 * per part inside the box. Network cost does not depend on the values; they only keep the partial
 * convolutions and the attention on realistic paths.
 */
public final class ForwardPass implements AutoCloseable {
    /** The content network that also takes the two parsing maps. */
    static final String PGA = "pconv-pga";
    /** Body-part channels of the parsing maps: LIP labels 1..19. */
    static final int PARTS = 19;
    private static final int SEED = 20210619;

    private final String backbone;
    private final BackboneSpec spec;
    private final NDManager root;
    private final Block block;
    private final NDList inputs;

    private ForwardPass(String backbone, BackboneSpec spec, NDManager root, Block block, NDList inputs) {
        this.backbone = backbone;
        this.spec = spec;
        this.root = root;
        this.block = block;
        this.inputs = inputs;
    }

    /**
     * Loads libtorch with {@code threads} intra-op threads (only the JVM's first load counts), builds and
     * initialises the network for {@code batch} images of {@code size}×{@code size}.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a batch or size below 1, the engine's codes for
     *     an unknown backbone, a spec it cannot build or a size it cannot take
     */
    public static ForwardPass create(int threads, String backbone, BackboneSpec spec, int batch, int size) {
        DeoccException.checkNotNull(backbone, "backbone");
        DeoccException.checkNotNull(spec, "spec");
        DeoccException.checkArgument(batch >= 1, "batch " + batch + " must be at least 1: give 1 or more images per pass");
        DeoccException.checkArgument(size >= 1, "size " + size + " must be at least 1: give the image side in pixels, e.g. 256");
        Networks networks = Networks.load(threads);
        NDManager root = networks.newManager();
        try {
            networks.seed(SEED);
            Block block = networks.build(backbone, spec);
            NDList inputs = inputs(root, backbone, spec.inputChannels(), batch, size);
            block.initialize(root, DataType.FLOAT32, inputs.getShapes());
            block.freezeParameters(true);
            return new ForwardPass(backbone, spec, root, block, inputs);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The bound backbone name. */
    public String backbone() {
        return backbone;
    }

    /** The spec the network was built with. */
    public BackboneSpec spec() {
        return spec;
    }

    /** Shapes of the network's inputs, batch first. */
    public Shape[] inputShapes() {
        return inputs.getShapes();
    }

    /**
     * One inference pass; returns the output shapes. Every array the pass creates lives on a sub-manager
     * that is closed before returning (libtorch on the CPU computes eagerly, so the work is done by then).
     */
    public Shape[] run() {
        try (NDManager call = root.newSubManager()) {
            // the inputs join the call's manager for the pass, so that results land there too
            inputs.tempAttach(call);
            NDList outputs = block.forward(new ParameterStore(call, false), inputs, false);
            return outputs.getShapes();
        }
    }

    /**
     * Writes the network as ONNX at this fixture's input shapes (the batch becomes dynamic), so that another
     * runtime can time the very same weights.
     *
     * @throws DeoccException as {@link OnnxExport#write(Block, BackboneSpec, Shape[], Path)}
     */
    public OnnxExportSummary exportOnnx(Path file) {
        return OnnxExport.write(block, spec, inputShapes(), file);
    }

    /** The fixed input batch's values, one array per input in the order of {@link #inputShapes()}, row-major. */
    public List<float[]> inputValues() {
        List<float[]> values = new ArrayList<>();
        for (NDArray input : inputs) {
            values.add(input.toFloatArray());
        }
        return values;
    }

    /** Multiply-accumulates of one pass at these input shapes (the whole batch). */
    public long multiplyAccumulates() {
        return NetworkCost.multiplyAccumulates(block, inputShapes());
    }

    /** Arrays alive on this fixture's manager: parameters, batch-norm statistics and inputs; passes add none. */
    public int liveArrays() {
        return root.getManagedArrays().size();
    }

    /** Frees the parameters and inputs. */
    @Override
    public void close() {
        root.close();
    }

    private static NDList inputs(NDManager manager, String backbone, int channels, int batch, int size) {
        NDList list = new NDList(manager.create(image(channels, batch, size), new Shape(batch, channels, size, size)));
        if (PGA.equals(backbone)) {
            NDArray parsing = manager.create(parsing(batch, size), new Shape(batch, PARTS, size, size));
            // the visible and the amodal parsing maps; equal here, the network's cost is the same
            list.add(parsing);
            list.add(parsing.duplicate());
        }
        return list;
    }

    /** RGB noise, then the visible mask, then (five channels) the amodal mask; extra channels are noise too. */
    static float[] image(int channels, int batch, int size) {
        int plane = size * size;
        float[] values = new float[batch * channels * plane];
        long state = SEED;
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int offset = (n * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    boolean maskChannel = c == 3 || (c == 4 && channels == 5);
                    if (maskChannel) {
                        int y = i / size;
                        int x = i % size;
                        values[offset + i] = c == 3 ? (visible(x, y, size) ? 1f : 0f) : (amodal(x, y, size) ? 1f : 0f);
                    } else {
                        // a 64-bit LCG: cheap, deterministic, good enough for filler pixels
                        state = state * 6364136223846793005L + 1442695040888963407L;
                        values[offset + i] = (state >>> 40) / (float) (1L << 24);
                    }
                }
            }
        }
        return values;
    }

    /** One-hot parts inside the person's box: part k covers the k-th horizontal band. */
    static float[] parsing(int batch, int size) {
        int plane = size * size;
        float[] values = new float[batch * PARTS * plane];
        for (int n = 0; n < batch; n++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (amodal(x, y, size)) {
                        int part = Math.min(PARTS - 1, (y - top(size)) * PARTS / Math.max(1, bottom(size) - top(size)));
                        values[(n * PARTS + part) * plane + y * size + x] = 1f;
                    }
                }
            }
        }
        return values;
    }

    private static int top(int size) {
        return size / 8;
    }

    private static int bottom(int size) {
        return size - size / 8;
    }

    private static boolean amodal(int x, int y, int size) {
        return x >= size / 4 && x < size - size / 4 && y >= top(size) && y < bottom(size);
    }

    /** The box minus its lower third, as if an occluder stood in front of the legs. */
    private static boolean visible(int x, int y, int size) {
        return amodal(x, y, size) && y < top(size) + 2 * (bottom(size) - top(size)) / 3;
    }
}
