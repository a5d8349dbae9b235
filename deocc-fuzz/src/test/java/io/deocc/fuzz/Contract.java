package io.deocc.fuzz;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The contract every fuzz target checks: a public entry point given arbitrary bytes returns a valid
 * value or throws {@link DeoccException} with an error code and a message. Any other throwable
 * escapes to Jazzer and is a finding; so is a hang (libFuzzer's -timeout) and an out-of-memory,
 * including one a parser converted into {@link ErrorCode#OUT_OF_MEMORY}: with the small limits the
 * targets use, nothing may come near the heap size.
 */
final class Contract {
    private Contract() {}

    /** Runs {@code call}; returns its value, or null when it refused the input properly. */
    static <T> T valueOrRefusal(Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (DeoccException e) {
            checkRefusal(e);
            return null;
        }
        if (value == null) {
            throw new AssertionError("the entry point returned null instead of a value or a DeoccException");
        }
        return value;
    }

    /** Fails unless {@code e} is a proper refusal: a code, a non-blank message, not an out-of-memory. */
    static void checkRefusal(DeoccException e) {
        if (e.errorCode() == null) {
            throw new AssertionError("DeoccException without an error code", e);
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("DeoccException " + e.errorCode() + " without a message", e);
        }
        if (e.errorCode() == ErrorCode.OUT_OF_MEMORY) {
            throw new AssertionError("input drove the parser out of memory despite the small limits", e);
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /** One scratch folder per JVM, removed at exit; fuzz inputs are written into it. */
    static Path scratch(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
