/**
 * An example application that embeds deocc. It reads only the runtime (which brings the API); the
 * components it selects by name (from io.deocc.mask and io.deocc.content) join the module graph
 * through service binding, because the runtime {@code uses io.deocc.api.spi.DeoccPlugin}. An
 * application exports nothing: {@code java -m} launches its main class all the same.
 */
module com.example.deocc.embedding {
    requires io.deocc.runtime;
}
