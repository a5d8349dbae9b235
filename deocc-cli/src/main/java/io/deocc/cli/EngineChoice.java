package io.deocc.cli;

import io.deocc.api.spi.Stage;
import io.deocc.runtime.PipelineConfig;
import io.deocc.runtime.PluginRegistry;
import io.deocc.runtime.RegisteredComponent;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Which engine runs the networks when a command names no component for a stage ({@code --engine}).
 *
 * <p>{@code auto} (the default) prefers ONNX Runtime, the faster inference engine, when one of its
 * components can run (its model is found), else DJL's PyTorch engine. With an engine chosen, a stage whose
 * default component runs on another network engine gets the best runnable component of the chosen one
 * instead; stages whose default is pure Java (engine {@value #PURE_JAVA}, e.g. the reference recoverer)
 * keep it, and components named with {@code --completer}, {@code --recoverer} or {@code --segmenter}
 * are never replaced.
 */
final class EngineChoice {
    static final String AUTO = "auto";
    static final String PURE_JAVA = "java";
    private static final Map<String, String> ALIASES = Map.of("onnx", "onnxruntime", "ort", "onnxruntime",
            "djl", "pytorch", "libtorch", "pytorch");
    // auto's order of preference
    private static final List<String> PREFERRED = List.of("onnxruntime", "pytorch");

    private EngineChoice() {}

    /**
     * The engine {@code --engine} asks for: a network engine some installed component runs on, or for
     * {@code auto} the first of ONNX Runtime and PyTorch with a runnable component; empty when none.
     */
    static Optional<String> resolve(String requested, PluginRegistry registry, CommandLine command) {
        String name = requested == null ? AUTO : requested.trim().toLowerCase(Locale.ROOT);
        name = ALIASES.getOrDefault(name, name);
        TreeSet<String> engines = new TreeSet<>();
        for (Stage stage : Stage.values()) {
            registry.components(stage).forEach(c -> engines.add(c.descriptor().engine()));
        }
        engines.remove(PURE_JAVA);
        if (name.equals(AUTO)) {
            for (String engine : PREFERRED) {
                if (runnable(registry, engine)) {
                    return Optional.of(engine);
                }
            }
            return Optional.empty();
        }
        if (!engines.contains(name)) {
            throw new ParameterException(command, "--engine '" + requested + "' is not installed: give auto or one of "
                    + engines + " (onnx and pytorch are accepted too; see 'deocc plugins')");
        }
        return Optional.of(name);
    }

    /** The configuration with each unnamed stage's default moved to {@code engine} where it runs elsewhere. */
    static PipelineConfig apply(PipelineConfig config, PluginRegistry registry, Optional<String> engine) {
        if (engine.isEmpty()) {
            return config;
        }
        PipelineConfig.Builder builder = PipelineConfig.builder().putAll(config.toMap());
        boolean changed = false;
        for (Stage stage : Stage.values()) {
            if (config.selection(stage).name().isPresent() || registry.components(stage).isEmpty()) {
                continue;
            }
            RegisteredComponent fallback = registry.defaultFor(stage);
            String current = fallback.descriptor().engine();
            if (current.equals(PURE_JAVA) || current.equals(engine.get())) {
                continue;
            }
            Optional<RegisteredComponent> replacement = best(registry, stage, engine.get());
            if (replacement.isPresent()) {
                String name = replacement.get().name();
                switch (stage) {
                    case SEGMENTATION -> builder.segmenter(name);
                    case MASK_COMPLETION -> builder.maskCompleter(name);
                    case CONTENT_RECOVERY -> builder.contentRecoverer(name);
                }
                changed = true;
            }
        }
        return changed ? builder.build() : config;
    }

    /** The stage's best runnable (non-negative priority) component of {@code engine}. */
    static Optional<RegisteredComponent> best(PluginRegistry registry, Stage stage, String engine) {
        return registry.components(stage).stream()
                .filter(c -> c.descriptor().engine().equals(engine))
                .filter(c -> c.factory().defaultPriority() >= 0)
                .max(Comparator.comparingInt((RegisteredComponent c) -> c.factory().defaultPriority())
                        .thenComparing(RegisteredComponent::name, Comparator.reverseOrder()));
    }

    private static boolean runnable(PluginRegistry registry, String engine) {
        for (Stage stage : Stage.values()) {
            if (best(registry, stage, engine).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
