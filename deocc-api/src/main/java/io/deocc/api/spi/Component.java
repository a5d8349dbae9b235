package io.deocc.api.spi;

/**
 * A created component. Holds whatever it loaded (weights, native memory) until {@link #close()}.
 * {@code close} is idempotent; calls after it fail with {@link io.deocc.api.ErrorCode#COMPONENT_CLOSED}.
 */
public interface Component extends AutoCloseable {
    ComponentDescriptor descriptor();

    @Override
    void close();
}
