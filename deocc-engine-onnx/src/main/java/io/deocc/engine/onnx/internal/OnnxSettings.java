package io.deocc.engine.onnx.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.model.ShippedModels;
import java.util.HashSet;
import java.util.Set;

/** Settings every ONNX network component reads, and the engine's name in descriptors. */
final class OnnxSettings {
    /** The engine as component descriptors name it. */
    static final String ENGINE = "onnxruntime";

    private OnnxSettings() {
    }

    /** The model and session keys plus a component's own. */
    static Set<String> keys(Set<String> own) {
        Set<String> keys = new HashSet<>(SessionSettings.KEYS);
        keys.add(ShippedModels.MODEL_KEY);
        keys.addAll(own);
        return Set.copyOf(keys);
    }

    /** Checks the keys and reads the session settings. */
    static SessionSettings session(ComponentConfig config, String component, Set<String> keys) {
        config.requireOnly(component, keys);
        return SessionSettings.fromConfig(config);
    }
}
