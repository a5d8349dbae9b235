package io.deocc.api.spi;

import io.deocc.api.DeoccException;
import java.util.regex.Pattern;

/** The naming rule for plugins and components: lowercase words joined by hyphens, e.g. {@code djl-stacked-unet}. */
public final class ComponentNames {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int MAX_LENGTH = 64;

    private ComponentNames() {}

    /** Returns {@code name} when it follows the rule, else throws naming it. */
    public static String validate(String name) {
        DeoccException.checkNotNull(name, "component name");
        DeoccException.checkArgument(name.length() <= MAX_LENGTH && NAME.matcher(name).matches(),
                "name '" + name + "' is invalid: use lowercase letters, digits and single hyphens, starting with a letter (at most "
                        + MAX_LENGTH + " characters), e.g. 'my-completer'");
        return name;
    }
}
