/**
 * Contract tests (a TCK) for deocc components, run on synthetic scenes. A plugin's test extends
 * {@code SegmenterContract}, {@code MaskCompleterContract} or {@code ContentRecovererContract}.
 */
module io.deocc.testkit {
    requires transitive io.deocc.api;
    requires transitive io.deocc.synth;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;

    exports io.deocc.testkit;

    // open to every reader: plugin tests run JUnit from the module path or the class path, and JUnit
    // reflects on the contracts' inherited test methods either way
    opens io.deocc.testkit;

    uses io.deocc.api.spi.DeoccPlugin;
}
