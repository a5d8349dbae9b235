package io.deocc.api.spi;

/** Creates {@link MaskCompleter}s. */
public interface MaskCompleterFactory extends ComponentFactory<MaskCompleter> {}
