package io.deocc.mask.internal;

import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.testkit.MaskCompleterContract;

/** The testkit's mask completer contract for the {@code visible-only} baseline. */
class VisibleOnlyMaskCompleterContractTest extends MaskCompleterContract {
    @Override
    protected MaskCompleterFactory factory() {
        return new VisibleOnlyMaskCompleterFactory();
    }
}
