package io.deocc.api.spi;

/** Creates {@link ContentRecoverer}s. */
public interface ContentRecovererFactory extends ComponentFactory<ContentRecoverer> {}
