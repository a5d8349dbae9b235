package io.deocc.engine.djl.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.testkit.MaskCompleterContract;
import java.util.Map;

/** The testkit's mask-completer contract on {@code djl-unet} with a tiny random U-Net. */
class DjlUNetCompleterContractTest extends MaskCompleterContract {
    @Override
    protected MaskCompleterFactory factory() {
        return new DjlUNetCompleterFactory();
    }

    @Override
    protected ComponentConfig config() {
        return ComponentConfig.of(Map.of(DjlUNetCompleterFactory.MODEL_KEY, UNetCompleterModels.validCard().toString(),
                EngineSettings.THREADS_KEY, "2"));
    }
}
