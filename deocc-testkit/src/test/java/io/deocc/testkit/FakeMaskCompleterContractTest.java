package io.deocc.testkit;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleterFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** A correct fake completer (amodal = visible) passes the whole completer contract, with a setting given. */
class FakeMaskCompleterContractTest extends MaskCompleterContract {
    @Override
    protected MaskCompleterFactory factory() {
        return new Fakes.IdentityCompleterFactory(EnumSet.noneOf(Fakes.Flaw.class));
    }

    @Override
    protected ComponentConfig config() {
        return ComponentConfig.of(Map.of(Fakes.KNOWN_SETTING, "255"));
    }

    @Override
    Iterable<DeoccPlugin> discoverPlugins() {
        return List.of(Fakes.plugin());
    }
}
