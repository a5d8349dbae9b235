package io.deocc.engine.djl.backbone;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The backbones an engine offers, looked up by name. Immutable; an engine fills it from its Guice map binding. */
public final class Backbones {
    private final Map<String, Backbone> byName;

    /** Copies the bound map; every entry's key must equal its backbone's {@link Backbone#name()}. */
    public Backbones(Map<String, Backbone> byName) {
        DeoccException.checkNotNull(byName, "byName");
        Map<String, Backbone> copy = new TreeMap<>();
        byName.forEach((key, backbone) -> {
            if (!key.equals(backbone.name())) {
                throw new DeoccException(ErrorCode.INTERNAL, "backbone bound as '" + key + "' calls itself '"
                        + backbone.name() + "': bind each backbone under its own name");
            }
            copy.put(key, backbone);
        });
        this.byName = Map.copyOf(copy);
    }

    /** The backbone bound under {@code name}; an unknown name fails listing the available ones. */
    public Backbone get(String name) {
        DeoccException.checkNotNull(name, "name");
        Backbone backbone = byName.get(name);
        if (backbone == null) {
            throw new DeoccException(ErrorCode.UNKNOWN_COMPONENT,
                    "unknown backbone '" + name + "': use one of " + names());
        }
        return backbone;
    }

    /** The bound names, sorted. */
    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }
}
