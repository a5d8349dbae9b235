package io.deocc.content.internal;

import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.testkit.ContentRecovererContract;

/** The testkit's contract, run against the {@code mean-colour} baseline. */
class MeanColourContentRecovererContractTest extends ContentRecovererContract {
    @Override
    protected ContentRecovererFactory factory() {
        return new MeanColourContentRecovererFactory();
    }
}
