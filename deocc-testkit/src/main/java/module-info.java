/**
 * Contract tests (a TCK) for deocc components, and synthetic test scenes. A plugin's test extends
 * {@code SegmenterContract}, {@code MaskCompleterContract} or {@code ContentRecovererContract}.
 */
module io.deocc.testkit {
    requires transitive io.deocc.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;

    exports io.deocc.testkit;
    exports io.deocc.testkit.scenes;

    // open to every reader: plugin tests run JUnit from the module path or the class path, and JUnit
    // reflects on the contracts' inherited test methods either way
    opens io.deocc.testkit;

    uses io.deocc.api.spi.DeoccPlugin;
}
