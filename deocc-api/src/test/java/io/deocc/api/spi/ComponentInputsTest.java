package io.deocc.api.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComponentInputsTest {
    private static final RgbImage IMAGE = RgbImage.filled(6, 4, 0x102030);
    private static final PersonInstance PERSON = PersonInstance.of(3, BinaryMask.ofBox(6, 4, new Box(1, 1, 2, 2)));
    private static final ResourceLimits LIMITS = ResourceLimits.defaults();

    @Test
    void closedComponentsSayWhichAndWhatToDo() {
        ComponentDescriptor descriptor = new ComponentDescriptor("grow", Stage.MASK_COMPLETION, "b", "java", 0, true, Set.of(), "d");
        DeoccException e = assertThrows(DeoccException.class, () -> ComponentInputs.checkOpen(true, descriptor));
        assertEquals(ErrorCode.COMPONENT_CLOSED, e.errorCode());
        assertEquals("mask completer 'grow' is closed: create a new one from its factory", e.getMessage());
        assertDoesNotThrow(() -> ComponentInputs.checkOpen(false, descriptor));
    }

    @Test
    void personChecksNullsSizesAndLimits() {
        assertDoesNotThrow(() -> ComponentInputs.checkPerson(IMAGE, PERSON, LIMITS));
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> ComponentInputs.checkPerson(null, PERSON, LIMITS)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> ComponentInputs.checkPerson(IMAGE, null, LIMITS)).errorCode());
        PersonInstance wide = PersonInstance.of(3, BinaryMask.ofBox(7, 4, new Box(1, 1, 2, 2)));
        DeoccException size = assertThrows(DeoccException.class, () -> ComponentInputs.checkPerson(IMAGE, wide, LIMITS));
        assertEquals(ErrorCode.SIZE_MISMATCH, size.errorCode());
        assertTrue(size.getMessage().contains("person 3") && size.getMessage().contains("7x4") && size.getMessage().contains("6x4"), size.getMessage());
        DeoccException large = assertThrows(DeoccException.class,
                () -> ComponentInputs.checkPerson(IMAGE, PERSON, LIMITS.withMaxImagePixels(23)));
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, large.errorCode());
    }

    @Test
    void masksMustHaveTheImageSize() {
        BinaryMask small = BinaryMask.ofBox(5, 4, new Box(1, 1, 2, 2));
        MaskCompletion other = new MaskCompletion(small, small);
        DeoccException e = assertThrows(DeoccException.class, () -> ComponentInputs.checkMasks(IMAGE, PERSON, other, LIMITS));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> ComponentInputs.checkMasks(IMAGE, PERSON, null, LIMITS)).errorCode());
        MaskCompletion fits = new MaskCompletion(PERSON.visibleMask(), PERSON.visibleMask());
        assertDoesNotThrow(() -> ComponentInputs.checkMasks(IMAGE, PERSON, fits, LIMITS));
    }
}
