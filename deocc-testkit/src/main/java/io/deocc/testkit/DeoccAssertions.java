package io.deocc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import org.junit.jupiter.api.function.Executable;

/** Assertions on deocc's error contract, for plugin tests. */
public final class DeoccAssertions {
    private DeoccAssertions() {}

    /**
     * Asserts that {@code call} throws a {@link DeoccException} with {@code expected} code (any other
     * throwable, a bare {@link NullPointerException} included, fails the test) and returns it.
     */
    public static DeoccException assertDeoccError(ErrorCode expected, Executable call, String what) {
        DeoccException error = assertDeoccError(call, what);
        assertEquals(expected, error.errorCode(), () -> what + ": expected error code " + expected + " but got "
                + error.errorCode() + " (" + error.getMessage() + ")");
        return error;
    }

    /** Asserts that {@code call} throws a {@link DeoccException} with any code, and returns it. */
    public static DeoccException assertDeoccError(Executable call, String what) {
        try {
            call.execute();
        } catch (DeoccException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail(what + ": the DeoccException has no message; messages must name the problem and the fix");
            }
            return e;
        } catch (Throwable other) {
            throw new AssertionError(what + ": expected a DeoccException but got " + other, other);
        }
        throw new AssertionError(what + ": expected a DeoccException but nothing was thrown");
    }
}
