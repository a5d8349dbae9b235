package io.deocc.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ComponentDescriptorTest {
    private static ComponentDescriptor descriptor(String name, int inputSize, Set<String> capabilities) {
        return new ComponentDescriptor(name, Stage.MASK_COMPLETION, "stacked-unet", "java", inputSize, true, capabilities,
                "Completes masks.");
    }

    @Test
    void validDescriptor() {
        ComponentDescriptor d = descriptor("my-completer", 256, Set.of("parsing"));
        assertEquals("my-completer", d.name());
        assertEquals(Stage.MASK_COMPLETION, d.stage());
        assertEquals(256, d.inputSize());
        assertEquals(Set.of("parsing"), d.capabilities());
        assertEquals(0, descriptor("any-size", 0, Set.of()).inputSize());
    }

    @Test
    void nameFollowsTheNamingRule() {
        DeoccException e = assertThrows(DeoccException.class, () -> descriptor("My_Completer", 0, Set.of()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("My_Completer"), e.getMessage());
    }

    @Test
    void negativeInputSizeIsRefused() {
        DeoccException e = assertThrows(DeoccException.class, () -> descriptor("c", -1, Set.of()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void capabilitiesAreAnUnmodifiableCopy() {
        Set<String> source = new HashSet<>(Set.of("parsing"));
        ComponentDescriptor d = descriptor("c", 0, source);
        source.add("gpu");
        assertEquals(Set.of("parsing"), d.capabilities());
        assertThrows(UnsupportedOperationException.class, () -> d.capabilities().add("x"));
    }

    @Test
    void nullsAreInvalidArguments() {
        for (Executable call : new Executable[] {
            () -> descriptor(null, 0, Set.of()),
            () -> descriptor("c", 0, null),
            () -> descriptor("c", 0, new HashSet<>(Arrays.asList("parsing", null))),
            () -> new ComponentDescriptor("c", null, "b", "e", 0, true, Set.of(), "d"),
            () -> new ComponentDescriptor("c", Stage.SEGMENTATION, null, "e", 0, true, Set.of(), "d"),
            () -> new ComponentDescriptor("c", Stage.SEGMENTATION, "b", null, 0, true, Set.of(), "d"),
            () -> new ComponentDescriptor("c", Stage.SEGMENTATION, "b", "e", 0, true, Set.of(), null)}) {
            DeoccException e = assertThrows(DeoccException.class, call);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode(), e.getMessage());
        }
    }
}
