package io.deocc.data.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.mask.pose.PoseMaskBank;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bank io.deocc.mask ships as its default is exactly what {@link PoseBankBuilder} makes from
 * {@link SyntheticPeople#SHIPPED}. After a change to the recipe or to deocc-synth's people, rewrite
 * it with {@code mvn -o test -pl deocc-data -Dtest=ShippedPoseBankTest -Ddeocc.pose-bank.rewrite=true}
 * (or {@code bin/deocc pose-bank} with the defaults, see {@link PoseBankBuilder}), then rebuild
 * deocc-mask and re-measure its quality test.
 */
class ShippedPoseBankTest {
    private static final String REWRITE = "deocc.pose-bank.rewrite";
    /** The resource in the source tree (the test runs in deocc-data's folder); its packaged copy is encapsulated in io.deocc.mask. */
    private static final Path SOURCE = Path.of("../deocc-mask/src/main/resources" + PoseMaskBank.DEFAULT_RESOURCE);

    private static PoseBankBuilder shippedBuilder() {
        return PoseBankBuilder.defaults(SyntheticPeople.SHIPPED_FIRST_SEED);
    }

    @Test
    void theShippedBankIsTheDefaultAndRecordsTheDocumentedRecipe() {
        PoseMaskBank shipped = PoseMaskBank.loadDefault();
        assertEquals(PoseBankBuilder.DEFAULT_K, shipped.count());
        assertEquals(PoseBankBuilder.DEFAULT_SIZE, shipped.size());
        assertEquals(shippedBuilder().recipe(SyntheticPeople.SHIPPED_COUNT, SyntheticPeople.SHIPPED.description()), shipped.recipe());
    }

    @Test
    void rebuildingTheShippedBankGivesItsBytes() throws IOException {
        PoseMaskBank rebuilt = shippedBuilder().build(SyntheticPeople.SHIPPED);
        if (Boolean.getBoolean(REWRITE)) {
            rebuilt.save(SOURCE);
            return;
        }
        byte[] shipped = Files.readAllBytes(SOURCE);
        assertArrayEquals(shipped, rebuilt.toText().getBytes(StandardCharsets.UTF_8),
                "the shipped pose bank differs from a rebuild: deocc-synth's people or the recipe changed; rewrite it (see this test's javadoc)");
        assertTrue(rebuilt.equals(PoseMaskBank.loadDefault()), "the packaged resource differs from the source file: rebuild deocc-mask");
    }
}
