package io.deocc.engine.onnx.internal;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.network.NetworkFunction;
import io.deocc.engine.onnx.SessionSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One ONNX Runtime session (a DJL {@link Model} of the OnnxRuntime engine) as a {@link NetworkFunction}.
 *
 * <p>Thread-safe: ONNX Runtime sessions run concurrent calls; each call creates its inputs in its own
 * sub-manager, freed (with the outputs) before it returns. A read-write lock lets calls run together
 * while {@link #close()} waits for running calls before freeing the session.
 */
final class OnnxSession implements NetworkFunction, AutoCloseable {
    private final Model model;
    private final GraphSignature signature;
    private final String source;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // guarded by lock
    private boolean closed;

    private OnnxSession(Model model, GraphSignature signature, String source) {
        this.model = model;
        this.signature = signature;
        this.source = source;
    }

    /**
     * Creates a session from a model's bytes (already checked against its card).
     *
     * @param source names the model in messages, e.g. its file
     * @throws DeoccException {@code MODEL_INVALID} when ONNX Runtime rejects the model; {@code NATIVE_LIBRARY}
     *     when ONNX Runtime cannot load
     */
    static OnnxSession open(byte[] bytes, GraphSignature signature, SessionSettings settings, String source) {
        DeoccException.checkNotNull(bytes, "bytes");
        DeoccException.checkNotNull(signature, "signature");
        DeoccException.checkNotNull(settings, "settings");
        OrtRuntime.engine();
        Model model = Model.newInstance(source, OrtRuntime.ENGINE_NAME);
        try {
            model.load(new ByteArrayInputStream(bytes), Map.of(
                    "intraOpNumThreads", Integer.toString(settings.intraOpThreads()),
                    "interOpNumThreads", "1",
                    "optLevel", settings.optimisation().runtimeName(),
                    "cpuArenaAllocator", Boolean.toString(settings.memoryArena())));
            return new OnnxSession(model, signature, source);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new DeoccException(ErrorCode.MODEL_INVALID, "ONNX Runtime cannot load '" + source + "' ("
                    + rootMessage(e) + "): export the model again with opset 17 or later, or check that it is the"
                    + " file the card describes", e);
        }
    }

    /** What the model declares. */
    GraphSignature signature() {
        return signature;
    }

    @Override
    public List<FloatTensor> apply(List<FloatTensor> inputs) {
        DeoccException.checkNotNull(inputs, "inputs");
        lock.readLock().lock();
        try {
            if (closed) {
                throw new DeoccException(ErrorCode.COMPONENT_CLOSED, "the ONNX session of '" + source
                        + "' is closed: create the component again");
            }
            if (inputs.size() != signature.inputs().size()) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "'" + source + "' takes " + signature.inputs().size()
                        + " inputs " + signature.describe() + " but was given " + inputs.size());
            }
            try (NDManager call = model.getNDManager().newSubManager()) {
                NDList arrays = new NDList(inputs.size());
                for (int i = 0; i < inputs.size(); i++) {
                    FloatTensor tensor = inputs.get(i);
                    NDArray array = call.create(tensor.copyValues(), new Shape(tensor.shape()));
                    array.setName(signature.inputs().get(i).name());
                    arrays.add(array);
                }
                NDList outputs;
                try {
                    outputs = model.getBlock().forward(new ParameterStore(call, false), arrays, false);
                } catch (RuntimeException e) {
                    throw new DeoccException(ErrorCode.MODEL_INVALID, "ONNX Runtime failed to run '" + source + "' on "
                            + inputs.stream().map(FloatTensor::shapeText).toList() + " (" + rootMessage(e)
                            + "): the model's inputs are " + signature.describe(), e);
                }
                List<FloatTensor> tensors = new ArrayList<>(outputs.size());
                for (NDArray output : outputs) {
                    tensors.add(FloatTensor.of(output.toFloatArray(), output.getShape().getShape()));
                }
                return List.copyOf(tensors);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Idempotent; waits for running calls, then frees the session. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
