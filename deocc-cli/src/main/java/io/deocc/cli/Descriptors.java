package io.deocc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deocc.api.DeoccException;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.Stage;
import io.deocc.runtime.PluginRegistry;
import io.deocc.runtime.RegisteredComponent;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** How components are named and described in the CLI's JSON and text output. */
final class Descriptors {
    private Descriptors() {}

    /** The configuration key of a stage, e.g. {@code mask-completer}. */
    static String stageKey(Stage stage) {
        return switch (stage) {
            case SEGMENTATION -> "segmenter";
            case MASK_COMPLETION -> "mask-completer";
            case CONTENT_RECOVERY -> "content-recoverer";
        };
    }

    /** A stage's plural heading for listings, e.g. {@code mask completers}. */
    static String stageTitle(Stage stage) {
        return switch (stage) {
            case SEGMENTATION -> "segmenters";
            case MASK_COMPLETION -> "mask completers";
            case CONTENT_RECOVERY -> "content recoverers";
        };
    }

    /** Fills {@code node} with the descriptor's fields, and the providing plugin when known. */
    static ObjectNode toJson(ObjectNode node, ComponentDescriptor descriptor, Optional<RegisteredComponent> registered) {
        node.put("name", descriptor.name());
        node.put("stage", descriptor.stage().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        registered.ifPresent(r -> {
            node.put("plugin", r.plugin());
            node.put("origin", r.origin());
        });
        node.put("engine", descriptor.engine());
        node.put("backbone", descriptor.backbone());
        node.put("inputSize", descriptor.inputSize());
        node.put("threadSafe", descriptor.threadSafe());
        var capabilities = node.putArray("capabilities");
        new TreeSet<>(descriptor.capabilities()).forEach(capabilities::add);
        node.put("description", descriptor.description());
        return node;
    }

    /** The registry's entry for a component, if it has one by that name. */
    static Optional<RegisteredComponent> lookup(PluginRegistry registry, ComponentDescriptor descriptor) {
        try {
            return Optional.of(registry.find(descriptor.stage(), descriptor.name()));
        } catch (DeoccException e) {
            return Optional.empty();
        }
    }

    /** One line for people: engine, backbone, input size, threading and capabilities. */
    static String traits(ComponentDescriptor descriptor) {
        StringBuilder text = new StringBuilder();
        text.append("engine ").append(descriptor.engine());
        text.append(", backbone ").append(descriptor.backbone());
        text.append(", input ").append(descriptor.inputSize() == 0 ? "any size" : descriptor.inputSize() + "x" + descriptor.inputSize());
        text.append(descriptor.threadSafe() ? ", thread-safe" : ", not thread-safe");
        if (!descriptor.capabilities().isEmpty()) {
            text.append(", capabilities ").append(String.join(" ", new TreeSet<>(descriptor.capabilities())));
        }
        return text.toString();
    }
}
