package io.deocc.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.image.RgbaImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** ContentRecovery, PersonResult, PersonFailure and DeoccResult. */
class ResultTypesTest {
    private static final RgbImage IMAGE = RgbImage.filled(4, 4, 0x808080);
    private static final BinaryMask MASK = BinaryMask.ofBox(4, 4, new Box(1, 1, 2, 2));
    private static final PersonInstance PERSON = PersonInstance.of(1, MASK);
    private static final MaskCompletion MASKS = new MaskCompletion(MASK, MASK);
    private static final ContentRecovery CONTENT = new ContentRecovery(RgbaImage.withAlpha(IMAGE, MASK), IMAGE);
    private static final PersonResult RESULT = new PersonResult(PERSON, MASKS, CONTENT);
    private static final PersonFailure FAILURE = new PersonFailure(2, new DeoccException(ErrorCode.PLUGIN_FAILURE, "boom"));

    @Test
    void contentRecoveryChecksSizes() {
        RgbaImage layer = RgbaImage.withAlpha(IMAGE, MASK);
        DeoccException e = assertThrows(DeoccException.class, () -> new ContentRecovery(layer, RgbImage.filled(4, 5, 0)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("4x4") && e.getMessage().contains("4x5"), e.getMessage());
        assertEquals(layer, CONTENT.personLayer());
    }

    @Test
    void deoccResultCopiesItsLists() {
        List<PersonResult> people = new ArrayList<>(List.of(RESULT));
        List<PersonFailure> failures = new ArrayList<>();
        DeoccResult result = new DeoccResult(IMAGE, people, failures);
        people.clear();
        failures.add(FAILURE);
        assertEquals(List.of(RESULT), result.people());
        assertEquals(List.of(), result.failures());
        assertTrue(result.succeeded());
    }

    @Test
    void deoccResultListsAreUnmodifiable() {
        DeoccResult result = new DeoccResult(IMAGE, List.of(RESULT), List.of(FAILURE));
        assertThrows(UnsupportedOperationException.class, () -> result.people().add(RESULT));
        assertThrows(UnsupportedOperationException.class, () -> result.failures().clear());
        assertFalse(result.succeeded());
    }

    @Test
    void nullsAreInvalidArguments() {
        List<PersonResult> withNull = Arrays.asList(RESULT, null);
        for (Executable call : new Executable[] {
            () -> new DeoccResult(null, List.of(), List.of()),
            () -> new DeoccResult(IMAGE, null, List.of()),
            () -> new DeoccResult(IMAGE, List.of(), null),
            () -> new DeoccResult(IMAGE, withNull, List.of()),
            () -> new DeoccResult(IMAGE, List.of(), Arrays.asList((PersonFailure) null)),
            () -> new PersonResult(null, MASKS, CONTENT),
            () -> new PersonResult(PERSON, null, CONTENT),
            () -> new PersonResult(PERSON, MASKS, null),
            () -> new PersonFailure(1, null),
            () -> new ContentRecovery(null, IMAGE),
            () -> new ContentRecovery(RgbaImage.withAlpha(IMAGE, MASK), null)}) {
            DeoccException e = assertThrows(DeoccException.class, call);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode(), e.getMessage());
            assertTrue(e.getMessage().contains("null"), e.getMessage());
        }
    }
}
