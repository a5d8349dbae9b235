package io.deocc.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.ParsingMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PersonInstanceTest {
    private static final Box BOX = new Box(2, 1, 3, 4);
    private static final BinaryMask MASK = BinaryMask.ofBox(8, 6, BOX);

    @Test
    void ofUsesTheTightBoxScoreOneAndNoParsing() {
        PersonInstance person = PersonInstance.of(1, MASK);
        assertEquals(BOX, person.box());
        assertEquals(1.0, person.score());
        assertEquals(Optional.empty(), person.parsing());
        assertEquals(8, person.width());
        assertEquals(6, person.height());
    }

    @Test
    void emptyMaskIsEmptyMask() {
        BinaryMask empty = BinaryMask.empty(8, 6);
        DeoccException e = assertFails(ErrorCode.EMPTY_MASK, () -> PersonInstance.of(3, empty));
        assertTrue(e.getMessage().contains("person 3"), e.getMessage());
        assertFails(ErrorCode.EMPTY_MASK, () -> new PersonInstance(3, empty, BOX, 0.5, Optional.empty()));
    }

    @Test
    void parsingOfAnotherSizeIsSizeMismatch() {
        ParsingMap parsing = ParsingMap.of(6, 8, new byte[48]);
        DeoccException e = assertFails(ErrorCode.SIZE_MISMATCH, () -> new PersonInstance(1, MASK, BOX, 1.0, Optional.of(parsing)));
        assertTrue(e.getMessage().contains("6x8") && e.getMessage().contains("8x6"), e.getMessage());
    }

    @Test
    void parsingOfTheSameSizeIsKept() {
        ParsingMap parsing = ParsingMap.of(8, 6, new byte[48]);
        assertEquals(Optional.of(parsing), new PersonInstance(1, MASK, BOX, 1.0, Optional.of(parsing)).parsing());
    }

    @Test
    void scoreMustBeInTheUnitInterval() {
        assertEquals(0.0, new PersonInstance(1, MASK, BOX, 0.0, Optional.empty()).score());
        assertEquals(1.0, new PersonInstance(1, MASK, BOX, 1.0, Optional.empty()).score());
        for (double bad : new double[] {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            DeoccException e = assertFails(ErrorCode.INVALID_ARGUMENT, () -> new PersonInstance(1, MASK, BOX, bad, Optional.empty()));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void idStartsAtOne() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> new PersonInstance(0, MASK, BOX, 1.0, Optional.empty()));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> PersonInstance.of(-2, MASK));
    }

    @Test
    void boxMustFitTheMask() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> new PersonInstance(1, MASK, new Box(6, 0, 3, 1), 1.0, Optional.empty()));
    }

    @Test
    void nullsAreInvalidArguments() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> new PersonInstance(1, null, BOX, 1.0, Optional.empty()));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> new PersonInstance(1, MASK, null, 1.0, Optional.empty()));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> new PersonInstance(1, MASK, BOX, 1.0, null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> PersonInstance.of(1, null));
    }

    private static DeoccException assertFails(ErrorCode code, Executable call) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(code, e.errorCode(), e.getMessage());
        return e;
    }
}
