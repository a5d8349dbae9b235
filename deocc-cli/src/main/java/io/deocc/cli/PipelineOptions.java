package io.deocc.cli;

import io.deocc.runtime.PluginRegistry;
import picocli.CommandLine;

import io.deocc.runtime.PipelineConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options of every command that composes components ({@code run}, {@code eval}): a configuration
 * file, the completer and recoverer by name, and {@code --set} settings. Settings apply in this
 * order, later ones winning: the file, the flags (these and the command's own), then {@code --set}.
 */
final class PipelineOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Pipeline configuration, .properties or .json.")
    private Path configFile;

    @Option(names = "--completer", paramLabel = "NAME", description = "Mask completer to use (see 'deocc plugins').")
    private String completer;

    @Option(names = "--recoverer", paramLabel = "NAME", description = "Content recoverer to use (see 'deocc plugins').")
    private String recoverer;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = EngineChoice.AUTO,
            description = "Engine for the networks of stages not named otherwise: auto (default: ONNX Runtime when its"
                    + " models are found, else PyTorch), onnx or pytorch.")
    private String engine;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A pipeline setting, repeatable, e.g. --set mask-completer.hidden-weight=0.4 --set limits.max-image-pixels=1000000.")
    private Map<String, String> settings = new LinkedHashMap<>();

    private PipelineConfig fromFile;

    /** The --config file's configuration, read once; empty without --config. */
    Optional<PipelineConfig> file() {
        if (configFile == null) {
            return Optional.empty();
        }
        if (fromFile == null) {
            fromFile = PipelineConfig.load(configFile);
        }
        return Optional.of(fromFile);
    }

    /** The configuration with no flags of the command's own. */
    PipelineConfig build() {
        return build(builder -> { });
    }

    /**
     * The file, then --completer and --recoverer, then what {@code commandFlags} adds, then --set.
     */
    PipelineConfig build(Consumer<PipelineConfig.Builder> commandFlags) {
        PipelineConfig.Builder builder = PipelineConfig.builder();
        file().ifPresent(config -> builder.putAll(config.toMap()));
        if (completer != null) {
            builder.maskCompleter(completer.trim());
        }
        if (recoverer != null) {
            builder.contentRecoverer(recoverer.trim());
        }
        commandFlags.accept(builder);
        settings.forEach(builder::put);
        return builder.build();
    }

    /** The engine --engine resolves to among the installed components; see {@link EngineChoice}. */
    Optional<String> engine(PluginRegistry registry, CommandLine command) {
        return EngineChoice.resolve(engine, registry, command);
    }

    /** The value --set gives {@code key}, trimmed, or null. */
    String setting(String key) {
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            if (entry.getKey().trim().equals(key)) {
                return entry.getValue().trim();
            }
        }
        return null;
    }
}
