package io.deocc.engine.djl.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.testkit.ContentRecovererContract;
import java.util.Map;

/** The testkit's content-recoverer contract on {@code djl-content} with a tiny random PConv+PGA network. */
class DjlContentRecovererContractTest extends ContentRecovererContract {
    @Override
    protected ContentRecovererFactory factory() {
        return new DjlContentRecovererFactory();
    }

    @Override
    protected ComponentConfig config() {
        return ComponentConfig.of(Map.of(NetworkModels.MODEL_KEY, TestModels.validContentCard().toString(),
                EngineSettings.THREADS_KEY, "2"));
    }
}
