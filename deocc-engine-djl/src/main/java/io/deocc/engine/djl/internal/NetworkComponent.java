package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.deocc.api.ResourceLimits;
import io.deocc.api.network.NetworkFunction;
import io.deocc.api.spi.Component;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What every network-backed SPI component of this engine shares: the loaded block and the manager that
 * owns its weights, the resource limits, and the lifecycle.
 *
 * <p>Thread-safe: the block's parameters are only read (inference, gradients off) and every call works
 * in its own sub-manager, freed before it returns. A read-write lock lets calls run together while
 * {@link #close()} waits for running calls before freeing the weights.
 */
abstract class NetworkComponent implements Component {
    private final ComponentDescriptor descriptor;
    private final ResourceLimits limits;
    private final Block block;
    private final NDManager modelManager;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // guarded by lock
    private boolean closed;

    NetworkComponent(ComponentDescriptor descriptor, ResourceLimits limits, Block block, NDManager modelManager) {
        this.descriptor = descriptor;
        this.limits = limits;
        this.block = block;
        this.modelManager = modelManager;
    }

    @Override
    public final ComponentDescriptor descriptor() {
        return descriptor;
    }

    final ResourceLimits limits() {
        return limits;
    }

    final Block block() {
        return block;
    }

    /** The block's inference as the stages call it; each call works in its own sub-manager of the model's. */
    final NetworkFunction function() {
        return DjlTensors.function(block, modelManager);
    }

    /** Runs {@code call} while the component is open, with the model's manager for the call's sub-manager. */
    final <T> T whileOpen(Supplier<T> call) {
        lock.readLock().lock();
        try {
            ComponentInputs.checkOpen(closed, descriptor);
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    final NDManager modelManager() {
        return modelManager;
    }

    /** Arrays alive in the model's manager (its parameters, plus any a call failed to free); for leak checks. */
    final int liveArrays() {
        return whileOpen(() -> modelManager.getManagedArrays().size());
    }

    /** Idempotent; waits for running calls, then frees the weights. */
    @Override
    public final void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                modelManager.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
