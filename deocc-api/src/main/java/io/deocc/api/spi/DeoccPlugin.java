package io.deocc.api.spi;

import java.util.List;

/**
 * The root of a plugin, found with {@link java.util.ServiceLoader}. Declare it in
 * {@code module-info.java} ({@code provides io.deocc.api.spi.DeoccPlugin with ...}) and, for class-path
 * users, in {@code META-INF/services/io.deocc.api.spi.DeoccPlugin}.
 *
 * <p>A plugin overrides the methods for what it provides. The constructor must be cheap and must
 * not load models or native libraries: that happens in the factories' {@code create}.
 */
public interface DeoccPlugin {
    /** The plugin's name, following {@link ComponentNames}. */
    String name();

    default List<SegmenterFactory> segmenters() {
        return List.of();
    }

    default List<MaskCompleterFactory> maskCompleters() {
        return List.of();
    }

    default List<ContentRecovererFactory> contentRecoverers() {
        return List.of();
    }
}
