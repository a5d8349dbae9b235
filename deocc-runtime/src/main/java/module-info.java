/**
 * The deocc runtime: discovers plugins with {@link java.util.ServiceLoader}, composes pipelines with
 * Guice from component names and a configuration, and runs segment, complete and recover per person.
 */
module io.deocc.runtime {
    requires transitive io.deocc.api;
    requires com.google.guice;
    // Guice is an automatic module and cannot declare that it needs jakarta.inject (an explicit
    // module): without this line an application launched with -m fails inside Guice.
    requires jakarta.inject;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports io.deocc.runtime;
    exports io.deocc.runtime.batch;

    // Guice reflects on the module and the injected pipeline.
    opens io.deocc.runtime to com.google.guice;

    uses io.deocc.api.spi.DeoccPlugin;
}
