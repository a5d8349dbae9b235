package io.deocc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Stage;
import io.deocc.cli.Main.CliContext;
import io.deocc.runtime.PluginProblem;
import io.deocc.runtime.PipelineConfig;
import io.deocc.runtime.PluginRegistry;
import io.deocc.runtime.RegisteredComponent;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deocc plugins}: the plugins found on the module path, every component per stage with its
 * descriptor (the stage's default marked), and the plugins that failed to load.
 */
@Command(name = "plugins",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists the plugins found, the components of each stage (* marks the one used when none is named) "
                + "and plugins that failed to load.",
            "Third-party plugins are jars or folders on DEOCC_PLUGIN_PATH (colon-separated)."},
        footer = {"", "Exit codes: 0 success, 1 a plugin failed to load or two plugins clash, 2 internal error."})
final class PluginsCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--json", description = "Print the listing as JSON.")
    private boolean json;

    @Option(names = Main.VERBOSE, description = "Log discovery to stderr and print stack traces with errors.")
    private boolean verbose;

    PluginsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PluginRegistry registry = context.plugins().get();
        if (json) {
            context.out().println(toJson(registry));
        } else {
            print(registry, context.out());
        }
        // A broken plugin is worth a non-zero exit: scripts checking an installation should notice.
        if (!registry.problems().isEmpty()) {
            context.err().println("deocc: " + registry.problems().size() + " plugin(s) failed to load: "
                    + Main.oneLine(registry.problems().toString()) + "; remove or fix them");
            return Main.EXIT_BAD_INPUT;
        }
        return Main.EXIT_OK;
    }

    private static Optional<String> defaultName(PluginRegistry registry, Stage stage) {
        try {
            return Optional.of(registry.defaultFor(stage).name());
        } catch (DeoccException e) {
            if (e.errorCode() != ErrorCode.UNKNOWN_COMPONENT) {
                throw e;
            }
            return Optional.empty(); // nothing installed for this stage
        }
    }

    private static void print(PluginRegistry registry, PrintStream out) {
        out.println("plugins:");
        if (registry.plugins().isEmpty()) {
            out.println("  (none found: put deocc-mask, deocc-content or another plugin on the module path)");
        }
        for (PluginRegistry.PluginInfo plugin : registry.plugins()) {
            out.println("  " + plugin.name() + "  (" + plugin.origin() + ")");
        }
        for (Stage stage : Stage.values()) {
            out.println();
            out.println(Descriptors.stageTitle(stage) + " (--" + flagOf(stage) + " NAME):");
            List<RegisteredComponent> components = registry.components(stage);
            if (components.isEmpty()) {
                out.println("  (none installed)");
            }
            Optional<String> defaultName = defaultName(registry, stage);
            for (RegisteredComponent component : components) {
                boolean isDefault = defaultName.filter(component.name()::equals).isPresent();
                out.println((isDefault ? "* " : "  ") + component.name() + (isDefault ? "  (default)" : "")
                        + "  [plugin " + component.plugin() + "]");
                out.println("      " + Descriptors.traits(component.descriptor()));
                out.println("      " + component.descriptor().description());
            }
        }
        printDefaultPipeline(registry, out);
        if (!registry.problems().isEmpty()) {
            out.println();
            out.println("problems:");
            for (PluginProblem problem : registry.problems()) {
                out.println("  " + problem.provider() + ": " + Main.oneLine(problem.message()));
            }
        }
    }

    /** What 'deocc run' uses when nothing is named: the engine --engine auto picks and each stage's component. */
    private static void printDefaultPipeline(PluginRegistry registry, PrintStream out) {
        Optional<String> engine = EngineChoice.resolve(EngineChoice.AUTO, registry, null);
        PipelineConfig config = EngineChoice.apply(PipelineConfig.builder().build(), registry, engine);
        out.println();
        out.println("default pipeline (--engine auto: " + engine.orElse("no network engine can run") + "):");
        for (Stage stage : Stage.values()) {
            Optional<RegisteredComponent> chosen = config.selection(stage).name()
                    .flatMap(name -> registry.components(stage).stream().filter(c -> c.name().equals(name)).findFirst())
                    .or(() -> defaultName(registry, stage).flatMap(name -> registry.components(stage).stream()
                            .filter(c -> c.name().equals(name)).findFirst()));
            String line = chosen.map(PluginsCommand::servedBy).orElse("none");
            if (stage == Stage.SEGMENTATION && chosen.filter(c -> c.descriptor().capabilities()
                    .contains(SegmenterDefaults.FILES_CAPABILITY)).isPresent()) {
                line += "; images without masks: " + SegmenterDefaults.finder(registry, engine).map(PluginsCommand::servedBy)
                        .orElse("none (give masks)");
            }
            out.printf("  %-18s %s%n", Descriptors.stageTitle(stage).replaceAll("s$", ""), line);
        }
    }

    private static String servedBy(RegisteredComponent component) {
        return component.name() + " (engine " + component.descriptor().engine() + ")";
    }

    private static String flagOf(Stage stage) {
        return switch (stage) {
            case SEGMENTATION -> "segmenter";
            case MASK_COMPLETION -> "completer";
            case CONTENT_RECOVERY -> "recoverer";
        };
    }

    private static String toJson(PluginRegistry registry) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode plugins = root.putArray("plugins");
        for (PluginRegistry.PluginInfo plugin : registry.plugins()) {
            ObjectNode node = plugins.addObject();
            node.put("name", plugin.name());
            node.put("origin", plugin.origin());
            ArrayNode provided = node.putArray("components");
            for (RegisteredComponent component : plugin.components()) {
                provided.addObject().put("stage", Descriptors.stageKey(component.stage())).put("name", component.name());
            }
        }
        ObjectNode stages = root.putObject("stages");
        for (Stage stage : Stage.values()) {
            ObjectNode stageNode = stages.putObject(Descriptors.stageKey(stage));
            Optional<String> defaultName = defaultName(registry, stage);
            if (defaultName.isPresent()) {
                stageNode.put("default", defaultName.get());
            } else {
                stageNode.putNull("default");
            }
            ArrayNode components = stageNode.putArray("components");
            for (RegisteredComponent component : registry.components(stage)) {
                ObjectNode node = Descriptors.toJson(components.addObject(), component.descriptor(), Optional.of(component));
                node.put("default", defaultName.filter(component.name()::equals).isPresent());
            }
        }
        ArrayNode problems = root.putArray("problems");
        for (PluginProblem problem : registry.problems()) {
            problems.addObject().put("provider", problem.provider()).put("message", problem.message());
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new DeoccException(ErrorCode.INTERNAL, "cannot format the plugin list as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
