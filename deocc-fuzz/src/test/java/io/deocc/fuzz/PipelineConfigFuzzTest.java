package io.deocc.fuzz;

import static io.deocc.fuzz.Contract.check;
import static io.deocc.fuzz.Contract.valueOrRefusal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deocc.runtime.PipelineConfig;
import java.nio.file.Path;

/** Pipeline configuration files, {@code .json} and {@code .properties}, through {@link PipelineConfig#load}. */
class PipelineConfigFuzzTest {
    private static final Path DIR = Contract.scratch("deocc-fuzz-config");

    @FuzzTest
    void jsonConfig(byte[] data) {
        load(DIR.resolve("pipeline.json"), data);
    }

    @FuzzTest
    void propertiesConfig(byte[] data) {
        load(DIR.resolve("pipeline.properties"), data);
    }

    private static void load(Path file, byte[] data) {
        Contract.write(file, data);
        PipelineConfig config = valueOrRefusal(() -> PipelineConfig.load(file));
        if (config != null) {
            // A loaded configuration is complete: its flat form rebuilds an equal one.
            PipelineConfig again = valueOrRefusal(() -> PipelineConfig.builder().putAll(config.toMap()).build());
            check(config.equals(again), "toMap() does not rebuild the configuration: " + config + " became " + again);
        }
    }
}
