package io.deocc.cli;

import io.deocc.api.DeoccException;
import io.deocc.runtime.PluginRegistry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of the {@code deocc} command.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} does all the work and returns the exit code, so
 * tests call it in-process; only {@link #main} exits the JVM. Exit codes: {@value #EXIT_OK} success,
 * {@value #EXIT_BAD_INPUT} bad input (usage errors and {@link DeoccException}s of type USER_ERROR,
 * INSUFFICIENT_RESOURCES or EXTERNAL), {@value #EXIT_INTERNAL} internal errors. Every error prints
 * exactly one line, {@code deocc: <message>}, to stderr; {@code --verbose} adds the stack trace.
 */
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 1;
    public static final int EXIT_INTERNAL = 2;

    static final String VERBOSE = "--verbose";

    private Main() {}

    public static void main(String[] args) {
        // Before anything can create a logger: slf4j-simple reads its settings once, at start-up.
        Logging.configure(Arrays.asList(args).contains(VERBOSE));
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs the command line; never calls {@link System#exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new CliContext(out, err, PluginRegistry::discover, Path.of("")));
    }

    /** Runs with the given plugin discovery and working folder (tests substitute both). */
    static int run(String[] args, CliContext context) {
        if (args == null) {
            context.err().println("deocc: no arguments array: pass an empty array for none");
            return EXIT_INTERNAL;
        }
        Logging.configure(Arrays.asList(args).contains(VERBOSE));
        CommandLine commandLine = commandLine(context);
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new DeoccCommand());
        commandLine.addSubcommand(new RunCommand(context));
        commandLine.addSubcommand(new BatchCommand(context));
        commandLine.addSubcommand(new PluginsCommand(context));
        commandLine.addSubcommand(new SynthCommand(context));
        commandLine.addSubcommand(new EvalCommand(context));
        commandLine.addSubcommand(new PoseBankCommand(context));
        commandLine.addSubcommand(new TrainCommand(context));
        commandLine.addSubcommand(new ExportCommand(context));
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setParameterExceptionHandler((error, args) -> usageError(error, context));
        commandLine.setExecutionExceptionHandler((error, failed, parsed) -> executionError(error, parsed, context));
        return commandLine;
    }

    private static int usageError(ParameterException error, CliContext context) {
        String command = error.getCommandLine().getCommandSpec().qualifiedName();
        context.err().println("deocc: " + oneLine(error.getMessage()) + " (see '" + command + " --help')");
        if (verboseIn(error.getCommandLine().getParseResult())) {
            error.printStackTrace(context.err());
        }
        return EXIT_BAD_INPUT;
    }

    private static int executionError(Exception error, ParseResult parsed, CliContext context) {
        int code;
        String message;
        if (error instanceof DeoccException deocc) {
            code = exitCodeOf(deocc);
            message = deocc.getMessage();
        } else {
            code = EXIT_INTERNAL;
            message = "internal error: " + error + " (run with --verbose for the stack trace, and please report it)";
        }
        context.err().println("deocc: " + oneLine(message));
        if (verboseIn(parsed)) {
            error.printStackTrace(context.err());
        }
        return code;
    }

    /** The exit code for an error of this type. */
    static int exitCodeOf(DeoccException error) {
        return switch (error.errorType()) {
            case USER_ERROR, INSUFFICIENT_RESOURCES, EXTERNAL -> EXIT_BAD_INPUT;
            case INTERNAL_ERROR -> EXIT_INTERNAL;
        };
    }

    /** Keeps an error to the one line promised to scripts that parse stderr. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "failed without a message";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static boolean verboseIn(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** What the commands need from their surroundings. */
    record CliContext(PrintStream out, PrintStream err, Supplier<PluginRegistry> plugins, Path workingDirectory) {
        CliContext {
            DeoccException.checkNotNull(out, "out");
            DeoccException.checkNotNull(err, "err");
            DeoccException.checkNotNull(plugins, "plugins");
            DeoccException.checkNotNull(workingDirectory, "workingDirectory");
        }
    }
}
