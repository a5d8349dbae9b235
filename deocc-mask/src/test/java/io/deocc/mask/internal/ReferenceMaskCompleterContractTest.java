package io.deocc.mask.internal;

import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.testkit.MaskCompleterContract;

/** The testkit's mask completer contract for the {@code reference} completer with its default settings. */
class ReferenceMaskCompleterContractTest extends MaskCompleterContract {
    @Override
    protected MaskCompleterFactory factory() {
        return new ReferenceMaskCompleterFactory();
    }
}
