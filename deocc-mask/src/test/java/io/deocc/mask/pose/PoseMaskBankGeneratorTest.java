package io.deocc.mask.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped bank is exactly what the generator makes. After changing a pose, rewrite the
 * resource with {@code mvn -o test -pl deocc-mask -Dtest=PoseMaskBankGeneratorTest
 * -Ddeocc.pose-bank.rewrite=true} (or the generator's {@code main}), then rebuild.
 */
class PoseMaskBankGeneratorTest {
    private static final String REWRITE = "deocc.pose-bank.rewrite";
    private static final Path SOURCE = Path.of("src/main/resources" + PoseMaskBankGenerator.RESOURCE);

    @Test
    void regeneratingGivesTheShippedResourceByteForByte() throws IOException {
        if (Boolean.getBoolean(REWRITE)) {
            PoseMaskBankGenerator.main(new String[] {SOURCE.toString()});
            return;
        }
        byte[] generated = PoseMaskBankGenerator.generate().toText().getBytes(StandardCharsets.UTF_8);
        byte[] shipped;
        try (InputStream in = PoseMaskBank.class.getResourceAsStream(PoseMaskBankGenerator.RESOURCE)) {
            assertNotNull(in, "resource " + PoseMaskBankGenerator.RESOURCE + " is missing");
            shipped = in.readAllBytes();
        }
        assertArrayEquals(shipped, generated, "the shipped pose bank differs from PoseMaskBankGenerator's output: rerun the generator"
                + " (see PoseMaskBankGenerator's javadoc) or revert the change");
    }

    @Test
    void generationIsDeterministic() {
        assertEquals(PoseMaskBankGenerator.generate(), PoseMaskBankGenerator.generate());
    }

    @Test
    void mirroredPosesAreExactMirrors() {
        // The recipe promises mirrored copies of asymmetric poses: each one follows its original.
        PoseMaskBank bank = PoseMaskBankGenerator.generate();
        int mirrors = 0;
        for (int k = 1; k < bank.count(); k++) {
            if (isMirror(bank, k - 1, k) && !isMirror(bank, k - 1, k - 1)) {
                mirrors++;
            }
        }
        assertTrue(mirrors >= 8, "expected at least 8 mirrored pairs, found " + mirrors);
    }

    private static boolean isMirror(PoseMaskBank bank, int a, int b) {
        int n = bank.size();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (bank.value(a, x, y) != bank.value(b, n - 1 - x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void mainWritesALoadableBank(@TempDir Path dir) {
        Path file = dir.resolve("bank.txt");
        PoseMaskBankGenerator.main(new String[] {file.toString()});
        assertEquals(PoseMaskBankGenerator.generate(), PoseMaskBank.load(file));
    }

    @Test
    void mainNeedsExactlyOnePath() {
        assertThrows(DeoccException.class, () -> PoseMaskBankGenerator.main(new String[0]));
        assertThrows(DeoccException.class, () -> PoseMaskBankGenerator.main(new String[] {"a", "b"}));
        assertThrows(DeoccException.class, () -> PoseMaskBankGenerator.main(null));
    }
}
