package io.deocc.engine.djl.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.testkit.MaskCompleterContract;
import java.util.Map;

/** The testkit's mask-completer contract on {@code djl-mask} with a tiny random U-Net. */
class DjlMaskCompleterContractTest extends MaskCompleterContract {
    @Override
    protected MaskCompleterFactory factory() {
        return new DjlMaskCompleterFactory();
    }

    @Override
    protected ComponentConfig config() {
        return ComponentConfig.of(Map.of(NetworkModels.MODEL_KEY, TestModels.validCard().toString(),
                EngineSettings.THREADS_KEY, "2"));
    }
}
