package io.deocc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deocc.synth.Scene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code bin/deocc} script; needs bash, and the packaged build for the end-to-end run. */
class LauncherTest {
    /** Surefire runs in the module folder; the script lives in the repository's bin/. */
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = MODULE.getParent().resolve("bin/deocc");

    @TempDir
    Path dir;

    @Test
    void missingBuildOutputTellsHowToBuild() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "no bash");
        assumeTrue(Files.isRegularFile(SCRIPT), "bin/deocc not found from " + MODULE);
        // A copy of the script in a tree without deocc-cli/target.
        Path copy = dir.resolve("repo/bin/deocc");
        Files.createDirectories(copy.getParent());
        Files.copy(SCRIPT, copy, StandardCopyOption.COPY_ATTRIBUTES);

        Result result = launch(copy, dir, "--version");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("mvn -q install -DskipTests"), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
    }

    @Test
    void runsFromAnyFolderOnThePackagedBuild() throws Exception {
        assumeTrue(Files.isDirectory(MODULE.resolve("target/lib")), "target/lib is made by 'mvn package'; skipped before it exists");
        assumeTrue(hasCliJar(), "no packaged deocc-cli jar yet");
        Scene scene = CliHarness.scene(31);
        Path[] files = CliHarness.writeScene(scene, dir, "launch");

        Result version = launch(SCRIPT, dir, "--version");
        Result run = launch(SCRIPT, dir, "run", "launch.png", "--masks", "launch-mask.png", "--json");

        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().startsWith("deocc "), version::toString);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.isRegularFile(dir.resolve("out/launch/person-1/panel.png")), run::toString);
        assertTrue(run.out().contains("\"people\""), run::toString);
        assertTrue(Files.isRegularFile(files[1]));
    }

    private static boolean hasCliJar() throws IOException {
        try (var jars = Files.list(MODULE.resolve("target"))) {
            return jars.anyMatch(p -> p.getFileName().toString().matches("deocc-cli-.*(?<!-sources|-javadoc|-tests)\\.jar"));
        }
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result launch(Path script, Path workingDirectory, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().remove("DEOCC_PLUGIN_PATH");
        builder.environment().remove("DEOCC_JAVA_OPTS");
        Path out = workingDirectory.resolve(".stdout");
        Path err = workingDirectory.resolve(".stderr");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/deocc did not finish within 60 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
