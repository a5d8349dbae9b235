package io.deocc.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComponentNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "unet", "my-completer", "djl-stacked-unet", "v2", "a1-b2-c3"})
    void validNamesAreReturned(String name) {
        assertEquals(name, ComponentNames.validate(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "My-completer", "unet_v2", "-unet", "unet-", "a--b", "1unet", "un et", "naïve", "a.b"})
    void invalidNamesAreRefusedWithTheName(String name) {
        DeoccException e = assertThrows(DeoccException.class, () -> ComponentNames.validate(name));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("lowercase"), "the message says how to fix it: " + e.getMessage());
    }

    @Test
    void atMostSixtyFourCharacters() {
        String longest = "a".repeat(64);
        assertEquals(longest, ComponentNames.validate(longest));
        assertThrows(DeoccException.class, () -> ComponentNames.validate(longest + "a"));
    }

    @Test
    void nullIsAnInvalidArgument() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> ComponentNames.validate(null)).errorCode());
    }
}
