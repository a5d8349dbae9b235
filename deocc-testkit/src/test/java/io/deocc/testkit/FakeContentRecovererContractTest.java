package io.deocc.testkit;

import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.DeoccPlugin;
import java.util.EnumSet;
import java.util.List;

/** A correct fake recoverer (flat fill of the hidden region) passes the whole recoverer contract. */
class FakeContentRecovererContractTest extends ContentRecovererContract {
    @Override
    protected ContentRecovererFactory factory() {
        return new Fakes.FlatFillRecovererFactory(EnumSet.noneOf(Fakes.Flaw.class));
    }

    @Override
    Iterable<DeoccPlugin> discoverPlugins() {
        return List.of(Fakes.plugin());
    }
}
