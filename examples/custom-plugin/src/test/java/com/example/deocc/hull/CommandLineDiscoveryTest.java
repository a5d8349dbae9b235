package com.example.deocc.hull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.io.ImageFiles;
import io.deocc.cli.Main;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end proof for plugin authors: with the plugin's module on the path, the unmodified
 * {@code deocc} command line finds {@code convex-hull} and runs it. Nothing here registers the
 * plugin by hand; discovery is ServiceLoader's, as in production.
 */
class CommandLineDiscoveryTest {
    @Test
    void pluginsCommandListsTheCompleter() {
        Output output = deocc("plugins");
        assertEquals(0, output.exitCode(), output::describe);
        assertTrue(output.out().contains(ConvexHullPlugin.NAME), () -> "the plugin is not listed: " + output.describe());
        assertTrue(output.out().contains(ConvexHullCompleterFactory.NAME), () -> "the completer is not listed: " + output.describe());
    }

    @Test
    void runWithTheCompleterSucceedsOnASyntheticScene(@TempDir Path folder) {
        Scene scene = SyntheticScenes.occludedPerson(11, 96, 96);
        Path image = folder.resolve("scene.png");
        Path mask = folder.resolve("person-1.png");
        ImageFiles.writePng(scene.image(), image);
        ImageFiles.writePng(scene.visible(), mask);
        Path out = folder.resolve("out");

        Output output = deocc("run", image.toString(), "--masks", mask.toString(), "--completer", ConvexHullCompleterFactory.NAME,
                "--set", "mask-completer.margin=1", "-o", out.toString());

        assertEquals(0, output.exitCode(), output::describe);
        Path amodalFile = out.resolve("person-1").resolve("amodal.png");
        assertTrue(Files.isRegularFile(amodalFile), () -> "no amodal mask written: " + output.describe());
        BinaryMask amodal = ImageFiles.readMask(amodalFile, ResourceLimits.defaults());
        // The command ran our completer, not the default one: its output is exactly the padded hull.
        assertEquals(ConvexHull.of(scene.visible(), 1).or(scene.visible()), amodal);
    }

    private static Output deocc(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Output(int exitCode, String out, String err) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
