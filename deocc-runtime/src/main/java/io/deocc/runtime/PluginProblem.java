package io.deocc.runtime;

import static io.deocc.api.DeoccException.checkNotNull;

/**
 * A plugin that could not be loaded. Discovery goes on without it; {@link PluginRegistry#problems()}
 * lists these and messages about missing components mention them.
 *
 * @param provider the provider class or service-file entry that failed, as far as known
 * @param message what went wrong
 */
public record PluginProblem(String provider, String message) {
    public PluginProblem {
        checkNotNull(provider, "provider");
        checkNotNull(message, "message");
    }

    @Override
    public String toString() {
        return provider + ": " + message;
    }
}
