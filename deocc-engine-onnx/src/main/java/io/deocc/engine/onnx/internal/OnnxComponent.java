package io.deocc.engine.onnx.internal;

import io.deocc.api.ResourceLimits;
import io.deocc.api.spi.Component;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every ONNX-backed SPI component shares: its descriptor, limits and session, and the lifecycle.
 * Thread-safe as {@link OnnxSession} is; closing waits for running calls before freeing the session.
 */
abstract class OnnxComponent implements Component {
    private final ComponentDescriptor descriptor;
    private final ResourceLimits limits;
    private final OnnxSession session;
    private final AtomicBoolean closed = new AtomicBoolean();

    OnnxComponent(ComponentDescriptor descriptor, ResourceLimits limits, OnnxSession session) {
        this.descriptor = descriptor;
        this.limits = limits;
        this.session = session;
    }

    @Override
    public final ComponentDescriptor descriptor() {
        return descriptor;
    }

    final ResourceLimits limits() {
        return limits;
    }

    final OnnxSession session() {
        return session;
    }

    /** Runs {@code call} unless the component was closed. */
    final <T> T whileOpen(Supplier<T> call) {
        ComponentInputs.checkOpen(closed.get(), descriptor);
        return call.get();
    }

    /** Idempotent; waits for running calls, then frees the session. */
    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            session.close();
        }
    }
}
