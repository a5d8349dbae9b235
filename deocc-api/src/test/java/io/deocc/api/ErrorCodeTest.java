package io.deocc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    @Test
    void codesAreUnique() {
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(seen.add(code.code()), code + " reuses code " + code.code());
        }
    }

    @Test
    void codesArePositive() {
        assertTrue(Arrays.stream(ErrorCode.values()).allMatch(c -> c.code() > 0));
    }

    @Test
    void everyCodeHasAType() {
        for (ErrorCode code : ErrorCode.values()) {
            assertNotNull(code.type(), code.name());
        }
    }

    @Test
    void typesOfTheCodesCallersBranchOn() {
        assertEquals(ErrorType.USER_ERROR, ErrorCode.INVALID_ARGUMENT.type());
        assertEquals(ErrorType.USER_ERROR, ErrorCode.FILE_NOT_FOUND.type());
        assertEquals(ErrorType.INSUFFICIENT_RESOURCES, ErrorCode.IMAGE_TOO_LARGE.type());
        assertEquals(ErrorType.INSUFFICIENT_RESOURCES, ErrorCode.OUT_OF_MEMORY.type());
        assertEquals(ErrorType.EXTERNAL, ErrorCode.IO_FAILURE.type());
        assertEquals(ErrorType.INTERNAL_ERROR, ErrorCode.INTERNAL.type());
    }

    @Test
    void exceptionCarriesCodeTypeMessageAndCause() {
        Throwable cause = new IllegalStateException("root");
        DeoccException e = new DeoccException(ErrorCode.IO_FAILURE, "cannot write 'x'", cause);
        assertEquals(ErrorCode.IO_FAILURE, e.errorCode());
        assertEquals(ErrorType.EXTERNAL, e.errorType());
        assertEquals("cannot write 'x'", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void helpers() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, DeoccException.invalidArgument("bad").errorCode());
        DeoccException.checkArgument(true, "not thrown");
        DeoccException e = assertThrows(DeoccException.class,
                () -> DeoccException.checkArgument(false, "width -1 must be positive"));
        assertEquals("width -1 must be positive", e.getMessage());
        assertEquals("value", DeoccException.checkNotNull("value", "name"));
        DeoccException nullError = assertThrows(DeoccException.class,
                () -> DeoccException.checkNotNull(null, "image"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, nullError.errorCode());
        assertTrue(nullError.getMessage().startsWith("image is null"), nullError.getMessage());
    }
}
