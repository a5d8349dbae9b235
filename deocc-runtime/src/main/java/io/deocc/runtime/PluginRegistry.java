package io.deocc.runtime;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Component;
import io.deocc.api.spi.ComponentFactory;
import io.deocc.api.spi.ComponentNames;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins and component factories found at start-up. Immutable once built.
 *
 * <p>Discovery is per provider: a plugin that fails to load (missing class, throwing constructor,
 * inconsistent factories) is recorded in {@link #problems()} and the others still load. Two
 * factories claiming one name for one stage are ambiguous and fail discovery, naming both origins.
 */
public final class PluginRegistry {
    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);
    /** ServiceLoader's iterator recovers from errors only on a best-effort basis: never loop forever. */
    private static final int MAX_PROVIDER_ERRORS = 1000;

    private final List<PluginInfo> plugins;
    private final Map<Stage, Map<String, RegisteredComponent>> components;
    private final List<PluginProblem> problems;

    /** One loaded plugin. */
    public record PluginInfo(String name, String origin, List<RegisteredComponent> components) {
        public PluginInfo {
            components = List.copyOf(components);
        }
    }

    private PluginRegistry(List<PluginInfo> plugins, Map<Stage, Map<String, RegisteredComponent>> components, List<PluginProblem> problems) {
        this.plugins = List.copyOf(plugins);
        this.components = components;
        this.problems = List.copyOf(problems);
    }

    /** Discovers the plugins visible to this module: the boot layer's module path and the class path. */
    public static PluginRegistry discover() {
        return fromProviders(ServiceLoader.load(DeoccPlugin.class).stream().iterator());
    }

    /** Discovers the plugins in a module layer (and its parents), e.g. one built for a plugin folder. */
    public static PluginRegistry discover(ModuleLayer layer) {
        checkNotNull(layer, "layer");
        return fromProviders(ServiceLoader.load(layer, DeoccPlugin.class).stream().iterator());
    }

    /** Registers the given plugin instances, in order, as discovery would. */
    public static PluginRegistry of(List<? extends DeoccPlugin> plugins) {
        checkNotNull(plugins, "plugins");
        Builder builder = new Builder();
        for (DeoccPlugin plugin : plugins) {
            builder.register(checkNotNull(plugin, "plugin"));
        }
        return builder.build();
    }

    /** Discovery over any provider iterator; each provider's failure is contained. */
    static PluginRegistry fromProviders(Iterator<? extends ServiceLoader.Provider<DeoccPlugin>> providers) {
        Builder builder = new Builder();
        int errors = 0;
        while (errors < MAX_PROVIDER_ERRORS) {
            ServiceLoader.Provider<DeoccPlugin> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                errors++;
                builder.problem("service configuration", e);
                continue;
            }
            DeoccPlugin plugin;
            try {
                plugin = provider.get();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                errors++;
                builder.problem(provider.type().getName(), e);
                continue;
            }
            builder.register(plugin);
        }
        return builder.build();
    }

    public List<PluginInfo> plugins() {
        return plugins;
    }

    /** Plugins that failed to load. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** Throws {@link ErrorCode#PLUGIN_FAILURE} when any plugin failed to load. */
    public void checkHealthy() {
        if (!problems.isEmpty()) {
            throw new DeoccException(ErrorCode.PLUGIN_FAILURE, problems.size() + " plugin(s) failed to load: " + problems
                    + "; remove or fix them (see the log for stack traces)");
        }
    }

    /** The components of one stage, by name. */
    public List<RegisteredComponent> components(Stage stage) {
        checkNotNull(stage, "stage");
        return List.copyOf(components.get(stage).values());
    }

    /** The component called {@code name} for {@code stage}, or an error listing the available names. */
    public RegisteredComponent find(Stage stage, String name) {
        checkNotNull(stage, "stage");
        checkNotNull(name, "component name");
        RegisteredComponent found = components.get(stage).get(name);
        if (found == null) {
            String available = components.get(stage).isEmpty() ? "none" : String.join(", ", components.get(stage).keySet());
            String failed = problems.isEmpty() ? "" : "; note that " + problems.size() + " plugin(s) failed to load: " + problems;
            throw new DeoccException(ErrorCode.UNKNOWN_COMPONENT, "no " + describe(stage) + " named '" + name
                    + "': available are " + available + failed);
        }
        return found;
    }

    /**
     * Creates the component that {@code selection} names for {@code stage}, or the stage's default
     * when it names none. The caller owns (and closes) what it gets.
     *
     * @throws DeoccException {@code UNKNOWN_COMPONENT} for a name nobody provides, the factory's own
     *     errors (bad settings, missing models), or {@code PLUGIN_FAILURE} when a factory returns no
     *     component of the stage's type
     */
    public <T extends Component> T create(Stage stage, Class<T> type, ComponentSelection selection, PluginContext context) {
        checkNotNull(stage, "stage");
        checkNotNull(type, "type");
        checkNotNull(selection, "selection");
        checkNotNull(context, "context");
        RegisteredComponent chosen = selection.name().map(name -> find(stage, name)).orElseGet(() -> defaultFor(stage));
        Component component = chosen.factory().create(selection.config(), context);
        if (!type.isInstance(component)) {
            if (component != null) {
                component.close();
            }
            throw new DeoccException(ErrorCode.PLUGIN_FAILURE, describe(stage) + " factory '" + chosen.name() + "' of plugin '"
                    + chosen.plugin() + "' returned " + (component == null ? "null" : "a " + component.getClass().getName())
                    + " instead of a " + type.getSimpleName() + ": report it to the plugin's authors");
        }
        log.debug("created {} '{}' from plugin '{}'", describe(stage), chosen.name(), chosen.plugin());
        return type.cast(component);
    }

    /** The stage's component with the highest {@link ComponentFactory#defaultPriority()}; ties go to the first name. */
    public RegisteredComponent defaultFor(Stage stage) {
        checkNotNull(stage, "stage");
        return components.get(stage).values().stream()
                .max(Comparator.comparingInt((RegisteredComponent c) -> c.factory().defaultPriority())
                        .thenComparing(RegisteredComponent::name, Comparator.reverseOrder()))
                .orElseThrow(() -> new DeoccException(ErrorCode.UNKNOWN_COMPONENT, "no " + describe(stage)
                        + " is installed: put a plugin that provides one (e.g. deocc-mask, deocc-content) on the module path"));
    }

    static String describe(Stage stage) {
        return switch (stage) {
            case SEGMENTATION -> "segmenter";
            case MASK_COMPLETION -> "mask completer";
            case CONTENT_RECOVERY -> "content recoverer";
        };
    }

    static String originOf(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed()) {
            return "module " + module.getName();
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "class " + type.getName() : source.getLocation().toString();
    }

    private static final class Builder {
        private final List<PluginInfo> plugins = new ArrayList<>();
        private final Map<String, PluginInfo> pluginsByName = new LinkedHashMap<>();
        private final Map<Stage, Map<String, RegisteredComponent>> components = new EnumMap<>(Stage.class);
        private final List<PluginProblem> problems = new ArrayList<>();

        Builder() {
            for (Stage stage : Stage.values()) {
                components.put(stage, new LinkedHashMap<>());
            }
        }

        void problem(String provider, Throwable error) {
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            Throwable cause = error.getCause();
            if (cause != null && cause != error) {
                message += " (caused by " + cause + ")";
            }
            log.warn("plugin {} failed to load and is skipped: {}", provider, message, error);
            problems.add(new PluginProblem(provider, message));
        }

        void register(DeoccPlugin plugin) {
            String origin = originOf(plugin.getClass());
            List<RegisteredComponent> found = new ArrayList<>();
            String name;
            try {
                name = ComponentNames.validate(plugin.name());
                collect(plugin, name, origin, Stage.SEGMENTATION, plugin.segmenters(), found);
                collect(plugin, name, origin, Stage.MASK_COMPLETION, plugin.maskCompleters(), found);
                collect(plugin, name, origin, Stage.CONTENT_RECOVERY, plugin.contentRecoverers(), found);
            } catch (RuntimeException | LinkageError e) {
                problem(plugin.getClass().getName() + " (" + origin + ")", e);
                return;
            }
            PluginInfo previous = pluginsByName.get(name);
            if (previous != null) {
                throw new DeoccException(ErrorCode.DUPLICATE_COMPONENT, "two plugins are named '" + name + "': one from "
                        + previous.origin() + ", one from " + origin + "; remove one of them from the module path");
            }
            for (RegisteredComponent component : found) {
                RegisteredComponent clash = components.get(component.stage()).get(component.name());
                if (clash != null) {
                    throw new DeoccException(ErrorCode.DUPLICATE_COMPONENT, describe(component.stage()) + " '" + component.name()
                            + "' is provided twice: by plugin '" + clash.plugin() + "' (" + clash.origin() + ") and by plugin '"
                            + name + "' (" + origin + "); remove one of them from the module path");
                }
            }
            for (RegisteredComponent component : found) {
                components.get(component.stage()).put(component.name(), component);
                log.info("registered {} '{}' from plugin '{}' ({})", describe(component.stage()), component.name(), name, origin);
            }
            PluginInfo info = new PluginInfo(name, origin, found);
            plugins.add(info);
            pluginsByName.put(name, info);
        }

        private static void collect(DeoccPlugin plugin, String pluginName, String origin, Stage stage,
                List<? extends ComponentFactory<? extends Component>> factories, List<RegisteredComponent> into) {
            if (factories == null) {
                throw new IllegalStateException("plugin '" + pluginName + "' returned null instead of a list of " + describe(stage) + "s");
            }
            for (ComponentFactory<? extends Component> factory : factories) {
                if (factory == null) {
                    throw new IllegalStateException("plugin '" + pluginName + "' listed a null " + describe(stage) + " factory");
                }
                String name = ComponentNames.validate(factory.name());
                var descriptor = factory.descriptor();
                if (descriptor == null || !descriptor.name().equals(name) || descriptor.stage() != stage) {
                    throw new IllegalStateException(describe(stage) + " factory " + factory.getClass().getName() + " of plugin '"
                            + pluginName + "' has an inconsistent descriptor " + descriptor + ": its name must be '" + name
                            + "' and its stage " + stage);
                }
                if (into.stream().anyMatch(c -> c.stage() == stage && c.name().equals(name))) {
                    throw new IllegalStateException("plugin '" + pluginName + "' lists " + describe(stage) + " '" + name + "' twice");
                }
                into.add(new RegisteredComponent(pluginName, origin, stage, factory));
            }
        }

        PluginRegistry build() {
            Map<Stage, Map<String, RegisteredComponent>> frozen = new EnumMap<>(Stage.class);
            components.forEach((stage, byName) -> frozen.put(stage, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName))));
            log.debug("discovered {} plugin(s): {}", plugins.size(), plugins.stream().map(PluginInfo::name).collect(Collectors.joining(", ")));
            return new PluginRegistry(plugins, frozen, problems);
        }
    }
}
