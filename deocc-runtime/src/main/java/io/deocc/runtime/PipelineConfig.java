package io.deocc.runtime;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a pipeline is made of: one component per stage (by name, or the stage's default) with its
 * settings, and the resource limits. Immutable; built with {@link #builder()} or read from a file.
 *
 * <p>The flat key form, shared by {@code .properties} files, JSON files (nested objects are
 * flattened with dots) and the CLI's {@code --set}:
 * <pre>
 * segmenter = mask-file
 * mask-completer = reference
 * mask-completer.hidden-weight = 0.4
 * content-recoverer = reference
 * limits.max-image-pixels = 50000000
 * limits.max-people = 64
 * limits.max-crop-pixels = 16000000
 * limits.item-timeout-seconds = 600
 * </pre>
 */
public final class PipelineConfig {
    private static final Map<String, Stage> STAGE_KEYS = Map.of(
            "segmenter", Stage.SEGMENTATION,
            "mask-completer", Stage.MASK_COMPLETION,
            "content-recoverer", Stage.CONTENT_RECOVERY);

    private final Map<Stage, ComponentSelection> selections;
    private final ResourceLimits limits;

    private PipelineConfig(Map<Stage, ComponentSelection> selections, ResourceLimits limits) {
        this.selections = selections;
        this.limits = limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every stage on its default component, default limits. */
    public static PipelineConfig defaults() {
        return builder().build();
    }

    /** Reads a {@code .properties} or {@code .json} file in the flat key form (see the class comment). */
    public static PipelineConfig load(Path file) {
        return builder().putAll(ConfigFiles.readFlat(file)).build();
    }

    public ComponentSelection selection(Stage stage) {
        return selections.get(checkNotNull(stage, "stage"));
    }

    public ResourceLimits limits() {
        return limits;
    }

    /** This configuration in the flat key form. */
    public Map<String, String> toMap() {
        Map<String, String> out = new TreeMap<>();
        STAGE_KEYS.forEach((key, stage) -> {
            ComponentSelection s = selections.get(stage);
            s.name().ifPresent(n -> out.put(key, n));
            s.config().asMap().forEach((k, v) -> out.put(key + "." + k, v));
        });
        out.put("limits.max-image-pixels", Long.toString(limits.maxImagePixels()));
        out.put("limits.max-people", Integer.toString(limits.maxPeople()));
        out.put("limits.max-crop-pixels", Long.toString(limits.maxCropPixels()));
        out.put("limits.item-timeout-seconds", Long.toString(limits.itemTimeout().toSeconds()));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PipelineConfig other && selections.equals(other.selections) && limits.equals(other.limits);
    }

    @Override
    public int hashCode() {
        return 31 * selections.hashCode() + limits.hashCode();
    }

    @Override
    public String toString() {
        return "PipelineConfig" + toMap();
    }

    /** Builds a {@link PipelineConfig}; later calls override earlier ones. */
    public static final class Builder {
        private final Map<Stage, String> names = new EnumMap<>(Stage.class);
        private final Map<Stage, Map<String, String>> settings = new EnumMap<>(Stage.class);
        private ResourceLimits limits = ResourceLimits.defaults();

        private Builder() {
            for (Stage stage : Stage.values()) {
                settings.put(stage, new LinkedHashMap<>());
            }
        }

        public Builder segmenter(String name) {
            return component(Stage.SEGMENTATION, name);
        }

        public Builder maskCompleter(String name) {
            return component(Stage.MASK_COMPLETION, name);
        }

        public Builder contentRecoverer(String name) {
            return component(Stage.CONTENT_RECOVERY, name);
        }

        /** Selects the component for a stage by name. */
        public Builder component(Stage stage, String name) {
            names.put(checkNotNull(stage, "stage"), checkNotNull(name, "name"));
            return this;
        }

        /** Sets one setting of the stage's component. */
        public Builder setting(Stage stage, String key, String value) {
            settings.get(checkNotNull(stage, "stage")).put(checkNotNull(key, "key"), checkNotNull(value, "value of " + key));
            return this;
        }

        public Builder limits(ResourceLimits limits) {
            this.limits = checkNotNull(limits, "limits");
            return this;
        }

        /** Applies one flat key, e.g. {@code mask-completer=reference} or {@code limits.max-people=8}. */
        public Builder put(String key, String value) {
            checkNotNull(key, "key");
            checkNotNull(value, "value of " + key);
            String k = key.trim();
            String v = value.trim();
            Stage stage = STAGE_KEYS.get(k);
            if (stage != null) {
                return component(stage, v);
            }
            int dot = k.indexOf('.');
            String head = dot < 0 ? k : k.substring(0, dot);
            String rest = dot < 0 ? "" : k.substring(dot + 1);
            stage = STAGE_KEYS.get(head);
            if (stage != null && !rest.isEmpty()) {
                return setting(stage, rest, v);
            }
            if (head.equals("limits")) {
                switch (rest) {
                    case "max-image-pixels" -> limits = limits.withMaxImagePixels(parseLong(k, v, 1, Long.MAX_VALUE));
                    case "max-people" -> limits = limits.withMaxPeople((int) parseLong(k, v, 1, 100_000));
                    case "max-crop-pixels" -> limits = limits.withMaxCropPixels(parseLong(k, v, 1, Long.MAX_VALUE));
                    // a year at most: longer is no limit at all, and Duration arithmetic stays far from overflow
                    case "item-timeout-seconds" -> limits = limits.withItemTimeout(Duration.ofSeconds(parseLong(k, v, 1, 31_536_000)));
                    default -> throw unknownKey(k);
                }
                return this;
            }
            throw unknownKey(k);
        }

        public Builder putAll(Map<String, String> flat) {
            checkNotNull(flat, "flat");
            new TreeMap<>(flat).forEach(this::put);
            return this;
        }

        public PipelineConfig build() {
            Map<Stage, ComponentSelection> selections = new EnumMap<>(Stage.class);
            for (Stage stage : Stage.values()) {
                selections.put(stage, new ComponentSelection(Optional.ofNullable(names.get(stage)),
                        ComponentConfig.of(new HashMap<>(settings.get(stage)))));
            }
            return new PipelineConfig(selections, limits);
        }

        private static long parseLong(String key, String value, long min, long max) {
            try {
                long parsed = Long.parseLong(value.replace("_", ""));
                if (parsed < min || parsed > max) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + key + "' is '" + value
                        + "': expected an integer from " + min + " to " + max);
            }
        }

        private static DeoccException unknownKey(String key) {
            return new DeoccException(ErrorCode.INVALID_CONFIG, "unknown pipeline setting '" + key
                    + "': use segmenter, mask-completer, content-recoverer (optionally followed by .<setting>), "
                    + "limits.max-image-pixels, limits.max-people, limits.max-crop-pixels or limits.item-timeout-seconds".toLowerCase(Locale.ROOT));
        }
    }
}
