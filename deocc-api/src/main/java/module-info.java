/**
 * The deocc API: immutable value types, the plugin SPI and image/mask file IO.
 *
 * <p>Depends on the JDK only, so that plugin authors compile against nothing else. Implementations
 * are found with {@link java.util.ServiceLoader} through {@link io.deocc.api.spi.DeoccPlugin}.
 */
module io.deocc.api {
    requires transitive java.desktop; // BufferedImage appears in the image IO signatures

    exports io.deocc.api;
    exports io.deocc.api.image;
    exports io.deocc.api.io;
    exports io.deocc.api.model;
    exports io.deocc.api.network;
    exports io.deocc.api.spi;

    uses io.deocc.api.spi.DeoccPlugin;
}
