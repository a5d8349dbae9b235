package io.deocc.cli;

import io.deocc.api.spi.Stage;
import io.deocc.runtime.PipelineConfig;
import io.deocc.runtime.PluginRegistry;
import io.deocc.runtime.RegisteredComponent;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Which segmenter runs on images given without people, for {@code deocc run} and {@code deocc batch}. */
final class SegmenterDefaults {
    /** Descriptor capability of segmenters that take people from files instead of finding them. */
    static final String FILES_CAPABILITY = "masks-from-files";

    private static final Logger log = LoggerFactory.getLogger(SegmenterDefaults.class);

    private SegmenterDefaults() {}

    /**
     * The segmenter that finds people itself for images given without masks: the chosen engine's best,
     * else the best of any engine; a negative priority says a segmenter cannot run without settings (e.g.
     * its model is missing), so those never qualify.
     */
    static Optional<RegisteredComponent> finder(PluginRegistry registry, Optional<String> engine) {
        return engine.flatMap(name -> EngineChoice.best(registry, Stage.SEGMENTATION, name))
                .filter(component -> !component.descriptor().capabilities().contains(FILES_CAPABILITY))
                .or(() -> registry.components(Stage.SEGMENTATION).stream()
                        .filter(component -> !component.descriptor().capabilities().contains(FILES_CAPABILITY))
                        .filter(component -> component.factory().defaultPriority() >= 0)
                        .max(Comparator.comparingInt(component -> component.factory().defaultPriority())));
    }

    /**
     * With no segmenter named, the stage default runs; when that one only reads people from files, the
     * best segmenter that finds people itself (e.g. the engine's learned {@code djl-segmenter}) takes its
     * place, and without one the error says which flags give people rather than letting the default
     * fail on a setting the user never heard of.
     *
     * @param howToGivePeople the command's flags that give people, for the error message
     * @param engine the engine {@code --engine} resolved to: its best segmenter that finds people is taken first
     */
    static PipelineConfig forUnmaskedImages(PipelineConfig config, PluginRegistry registry, CommandLine command, String howToGivePeople,
            Optional<String> engine) {
        if (config.selection(Stage.SEGMENTATION).name().isPresent()) {
            return config;
        }
        RegisteredComponent fallback = registry.defaultFor(Stage.SEGMENTATION);
        if (!fallback.descriptor().capabilities().contains(FILES_CAPABILITY)) {
            return config;
        }
        Optional<RegisteredComponent> finder = finder(registry, engine);
        if (finder.isEmpty()) {
            throw new ParameterException(command, "no people given: " + howToGivePeople + " (the default segmenter '" + fallback.name()
                    + "' reads people from files), or name a segmenter that finds people itself with --segmenter");
        }
        log.info("no masks given: finding people with segmenter '{}'", finder.get().name());
        return PipelineConfig.builder().putAll(config.toMap()).segmenter(finder.get().name()).build();
    }
}
