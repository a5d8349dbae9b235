package io.deocc.bench;

import io.deocc.api.DeoccException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --name value} arguments of the bench tools' main methods ({@link PeakMemory}, {@link Soak}):
 * unknown names and values that are not numbers fail with a {@link DeoccException} naming the option.
 */
final class ToolOptions {
    private final Map<String, String> values;

    private ToolOptions(Map<String, String> values) {
        this.values = values;
    }

    static ToolOptions parse(String[] args, List<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            DeoccException.checkArgument(args[i].startsWith("--") && i + 1 < args.length,
                    "argument '" + args[i] + "' is not an option with a value: give --name value pairs");
            String key = args[i].substring(2).toLowerCase(Locale.ROOT);
            DeoccException.checkArgument(known.contains(key), "unknown option " + args[i] + ": use --" + String.join(", --", known));
            values.put(key, args[i + 1]);
        }
        return new ToolOptions(values);
    }

    String required(String key, String example) {
        String value = values.get(key);
        DeoccException.checkArgument(value != null, "--" + key + " is missing: give it, e.g. " + example);
        return value;
    }

    int number(String key, int fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw DeoccException.invalidArgument("--" + key + " '" + value + "' is not a whole number: give e.g. --" + key + " " + fallback);
        }
    }

    double decimal(String key, double fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw DeoccException.invalidArgument("--" + key + " '" + value + "' is not a number: give e.g. --" + key + " " + fallback);
        }
    }
}
