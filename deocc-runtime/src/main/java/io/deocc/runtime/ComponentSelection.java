package io.deocc.runtime;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentNames;
import java.util.Optional;

/**
 * Which component serves a stage, and its settings. An empty name means "the stage's default": the
 * installed component with the highest default priority.
 */
public record ComponentSelection(Optional<String> name, ComponentConfig config) {
    public ComponentSelection {
        checkNotNull(name, "name");
        checkNotNull(config, "config");
        name.ifPresent(ComponentNames::validate);
    }

    public static ComponentSelection defaultComponent() {
        return new ComponentSelection(Optional.empty(), ComponentConfig.empty());
    }

    public static ComponentSelection named(String name) {
        return new ComponentSelection(Optional.of(checkNotNull(name, "name")), ComponentConfig.empty());
    }
}
