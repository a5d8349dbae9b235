package io.deocc.model;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a network component's model card comes from, the same for every engine: its {@value #MODEL_KEY}
 * setting when given; otherwise the model deocc ships, looked up by file name in the folder named by the
 * system property {@value #MODELS_PROPERTY}, else the environment variable {@value #MODELS_ENV}, else
 * {@code models/} under the system property {@value #HOME_PROPERTY} (the {@code bin/deocc} launcher sets
 * it to the installation).
 */
public final class ShippedModels {
    /** Setting: path of the model card. */
    public static final String MODEL_KEY = "model";
    /** System property naming the folder of shipped models. */
    public static final String MODELS_PROPERTY = "deocc.models";
    /** Environment variable naming the folder of shipped models. */
    public static final String MODELS_ENV = "DEOCC_MODELS";
    /** System property naming deocc's installation folder (its {@code models/} holds the shipped models). */
    public static final String HOME_PROPERTY = "deocc.home";

    private ShippedModels() {
    }

    /** The shipped card of that file name, if the models folder has it. */
    public static Optional<Path> find(String cardFileName) {
        DeoccException.checkNotNull(cardFileName, "cardFileName");
        return folder().map(dir -> dir.resolve(cardFileName)).filter(Files::isRegularFile);
    }

    /** The folder of shipped models, if one is configured. */
    public static Optional<Path> folder() {
        String folder = System.getProperty(MODELS_PROPERTY);
        if (folder == null || folder.isBlank()) {
            folder = System.getenv(MODELS_ENV);
        }
        try {
            if (folder != null && !folder.isBlank()) {
                return Optional.of(Path.of(folder.trim()));
            }
            String home = System.getProperty(HOME_PROPERTY);
            return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home.trim(), "models"));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The card a component loads: the {@value #MODEL_KEY} setting, else the shipped card.
     *
     * @throws DeoccException {@code INVALID_CONFIG} when neither exists or the setting is not a path
     */
    public static Path cardPath(ComponentConfig config, String component, String shippedCard) {
        return modelSetting(config, component).orElseGet(() -> find(shippedCard).orElseThrow(() -> new DeoccException(
                ErrorCode.INVALID_CONFIG, "component '" + component + "' has no setting '" + MODEL_KEY + "' and the"
                + " shipped model " + shippedCard + " was not found (looked in -D" + MODELS_PROPERTY + ", $" + MODELS_ENV
                + " and <-D" + HOME_PROPERTY + ">/models): give " + MODEL_KEY + "=<path of a .card.json> or point "
                + MODELS_ENV + " at deocc's models/ folder")));
    }

    /**
     * The path the {@value #MODEL_KEY} setting gives, if it is set.
     *
     * @throws DeoccException {@code INVALID_CONFIG} when it is blank or not a path
     */
    public static Optional<Path> modelSetting(ComponentConfig config, String component) {
        DeoccException.checkNotNull(config, "config");
        Optional<String> raw = config.get(MODEL_KEY);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String value = raw.get();
        if (value.isBlank()) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + MODEL_KEY + "' of component '" + component
                    + "' is blank: give the path of the model (a <name>" + ModelCard.CARD_SUFFIX + ", or the file the"
                    + " component documents)");
        }
        try {
            return Optional.of(Path.of(value.trim()));
        } catch (InvalidPathException e) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + MODEL_KEY + "' of component '" + component
                    + "' is '" + value + "', not a valid path (" + e.getReason() + "): give the path of the model", e);
        }
    }
}
