package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ErrorType;
import io.deocc.cli.CliHarness.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void versionPrintsTheBuildVersion() {
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("run", "--version"))) {
            Outcome outcome = run(dir, args.toArray(String[]::new));

            assertEquals(0, outcome.exitCode(), outcome::toString);
            assertTrue(outcome.out().matches("(?s)deocc \\d+\\.\\d+\\.\\d+.*"), outcome::toString);
        }
    }

    @Test
    void helpExistsOnEveryCommand() {
        for (List<String> args : List.of(List.of("--help"), List.of("run", "--help"), List.of("plugins", "--help"), List.of("help", "run"))) {
            Outcome outcome = run(dir, args.toArray(String[]::new));

            assertEquals(0, outcome.exitCode(), () -> args + ": " + outcome);
            assertTrue(outcome.out().contains("Usage: deocc"), () -> args + ": " + outcome);
            assertEquals("", outcome.err(), () -> args + ": " + outcome);
        }
        assertTrue(run(dir, "run", "--help").out().contains("--masks"));
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        for (List<String> args : List.of(List.<String>of(), List.of("frobnicate"))) {
            Outcome outcome = run(dir, args.toArray(String[]::new));

            assertEquals(1, outcome.exitCode(), outcome::toString);
            assertEquals(1, outcome.errLines().size(), outcome::toString);
            assertTrue(outcome.err().startsWith("deocc: ") && outcome.err().contains("--help"), outcome::toString);
        }
    }

    @Test
    void publicRunReturnsTheExitCodeInsteadOfExiting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, Main.run(new String[] {"--version"}, outStream, errStream));
        assertEquals(1, Main.run(new String[] {"run"}, outStream, errStream));

        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("deocc "));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("deocc: Missing required parameter: 'IMAGE'"), err::toString);
    }

    @Test
    void onlyInternalErrorsExitWithTwo() {
        for (ErrorCode code : ErrorCode.values()) {
            int expected = code.type() == ErrorType.INTERNAL_ERROR ? 2 : 1;
            assertEquals(expected, Main.exitCodeOf(new DeoccException(code, "x")), code.name());
        }
    }

    @Test
    void messagesAreFlattenedToOneLine() {
        assertEquals("a b c", Main.oneLine("  a\n  b\r\nc \n"));
        assertEquals("failed without a message", Main.oneLine(null));
    }
}
