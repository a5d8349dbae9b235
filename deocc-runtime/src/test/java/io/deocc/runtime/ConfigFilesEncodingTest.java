package io.deocc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A properties file that is not UTF-8 is a configuration problem with a fix, not an I/O failure (noticed while writing deocc-fuzz). */
class ConfigFilesEncodingTest {
    @TempDir
    Path dir;

    @Test
    void propertiesThatAreNotUtf8AreAnInvalidConfigNamingTheFix() throws IOException {
        // "mask-completer.label=café" in ISO-8859-1: the lone 0xE9 byte is malformed UTF-8.
        Path file = Files.write(dir.resolve("pipeline.properties"), "mask-completer.label=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        DeoccException e = assertThrows(DeoccException.class, () -> PipelineConfig.load(file));
        assertEquals(ErrorCode.INVALID_CONFIG, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains("pipeline.properties") && e.getMessage().contains("save it as UTF-8"), e.getMessage());
    }

    @Test
    void utf8PropertiesStillLoad() throws IOException {
        Path file = Files.write(dir.resolve("pipeline.properties"), "mask-completer.label=caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("caf\u00e9", PipelineConfig.load(file).toMap().get("mask-completer.label"));
    }
}
