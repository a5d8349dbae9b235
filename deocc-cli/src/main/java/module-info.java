/**
 * The {@code deocc} command line. It names no component: the runtime discovers plugins with
 * {@link java.util.ServiceLoader}, so the reference modules (io.deocc.mask, io.deocc.content) and
 * third-party plugins join the boot layer through service binding when they are on the module path.
 */
module io.deocc.cli {
    requires io.deocc.api;
    requires io.deocc.runtime;
    requires io.deocc.data;
    // `deocc train` and `deocc export` drive the engine's training and export APIs; the engine's components join through service binding
    requires io.deocc.engine.djl;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    // picocli reads and sets the annotated command fields reflectively.
    opens io.deocc.cli to info.picocli;
}
