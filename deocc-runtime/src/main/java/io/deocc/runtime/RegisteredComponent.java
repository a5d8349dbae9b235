package io.deocc.runtime;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.spi.Component;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentFactory;
import io.deocc.api.spi.Stage;

/**
 * A component factory as discovered: which plugin provided it and where that plugin came from.
 *
 * @param plugin the providing plugin's name
 * @param origin where the plugin was loaded from (module name or jar), for messages about conflicts
 * @param stage the stage the factory serves
 * @param factory the factory itself
 */
public record RegisteredComponent(String plugin, String origin, Stage stage, ComponentFactory<? extends Component> factory) {
    public RegisteredComponent {
        checkNotNull(plugin, "plugin");
        checkNotNull(origin, "origin");
        checkNotNull(stage, "stage");
        checkNotNull(factory, "factory");
    }

    public String name() {
        return factory.name();
    }

    public ComponentDescriptor descriptor() {
        return factory.descriptor();
    }
}
