package io.deocc.api.spi;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * String settings for one component, as given in a pipeline's configuration. Typed getters
 * validate and name the offending key and value.
 */
public final class ComponentConfig {
    private static final ComponentConfig EMPTY = new ComponentConfig(Map.of());

    private final Map<String, String> values;

    private ComponentConfig(Map<String, String> values) {
        this.values = values;
    }

    public static ComponentConfig empty() {
        return EMPTY;
    }

    public static ComponentConfig of(Map<String, String> values) {
        checkNotNull(values, "values");
        values.forEach((k, v) -> {
            checkNotNull(k, "config key");
            checkNotNull(v, "config value of '" + k + "'");
        });
        return new ComponentConfig(Map.copyOf(values));
    }

    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(checkNotNull(key, "key")));
    }

    public String getString(String key, String defaultValue) {
        return values.getOrDefault(checkNotNull(key, "key"), defaultValue);
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        String raw = values.get(checkNotNull(key, "key"));
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw invalid(key, raw, "an integer from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "an integer from " + min + " to " + max);
        }
    }

    public double getDouble(String key, double defaultValue, double min, double max) {
        String raw = values.get(checkNotNull(key, "key"));
        if (raw == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (!(value >= min && value <= max)) {
                throw invalid(key, raw, "a number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a number from " + min + " to " + max);
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String raw = values.get(checkNotNull(key, "key"));
        if (raw == null) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, raw, "true or false");
        };
    }

    /**
     * Fails when the config holds a key outside {@code known}: a typo must not be ignored silently.
     */
    public void requireOnly(String component, Set<String> known) {
        checkNotNull(known, "known settings");
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new DeoccException(ErrorCode.INVALID_CONFIG, "component '" + component + "' has no setting '" + key
                        + "': known settings are " + (known.isEmpty() ? "none" : new TreeSet<>(known)));
            }
        }
    }

    private static DeoccException invalid(String key, String raw, String expected) {
        return new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + key + "' is '" + raw + "': expected " + expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ComponentConfig" + asMap();
    }
}
