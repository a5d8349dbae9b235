package io.deocc.fuzz;

import static io.deocc.fuzz.Contract.check;
import static io.deocc.fuzz.Contract.valueOrRefusal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deocc.model.ModelCard;
import java.nio.file.Path;

/**
 * Model cards ({@code <name>.card.json}) through both public entry points, the file reader and the
 * string parser. A card that parses must write back to JSON that parses to an equal card. No engine
 * is touched: libtorch is not even on the class path.
 */
class ModelCardFuzzTest {
    private static final Path FILE = Contract.scratch("deocc-fuzz-card").resolve("model.card.json");

    @FuzzTest
    void modelCard(byte[] data) {
        Contract.write(FILE, data);
        ModelCard card = valueOrRefusal(() -> ModelCard.read(FILE));
        if (card == null) {
            return;
        }
        ModelCard again = valueOrRefusal(() -> ModelCard.parse(card.toJson(), "written card"));
        check(card.equals(again), "a card does not survive toJson() and parse(): " + card + " became " + again);
    }
}
