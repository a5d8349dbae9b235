/**
 * An example third-party deocc plugin: the {@code convex-hull} mask completer.
 *
 * <p>This descriptor is the whole of a plugin's contract with the host. It reads the API module
 * and nothing else, exports nothing (the host reaches the plugin only through the service it
 * provides) and names its {@link io.deocc.api.spi.DeoccPlugin} implementation. The same class is
 * listed in {@code META-INF/services/io.deocc.api.spi.DeoccPlugin}, so that the jar is also found
 * when it sits on the class path rather than the module path.
 */
module com.example.deocc.hull {
    requires io.deocc.api;

    provides io.deocc.api.spi.DeoccPlugin with com.example.deocc.hull.ConvexHullPlugin;
}
