package io.deocc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code deocc} command; the work happens in its subcommands. */
@Command(name = "deocc",
        mixinStandardHelpOptions = true,
        subcommands = HelpCommand.class,
        versionProvider = VersionProvider.class,
        description = "Human de-occlusion: completes the hidden part of occluded people's masks and paints their hidden appearance.",
        footer = {"", "Exit codes: 0 success, 1 bad input or configuration, 2 internal error."})
final class DeoccCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: use 'deocc run IMAGE ...' or 'deocc plugins'");
    }
}
