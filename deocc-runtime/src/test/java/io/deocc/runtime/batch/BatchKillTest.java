package io.deocc.runtime.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.runtime.DeoccPipeline;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch killed with no warning (as by kill -9 or a power cut) leaves whole items or none, and resumes. */
class BatchKillTest {
    private static final int ITEMS = 12;

    @TempDir
    Path dir;

    @Test
    void aKilledBatchLeavesOnlyCompleteItemsAndTheRerunFinishesIt() throws Exception {
        Path inputs = Files.createDirectories(dir.resolve("in"));
        List<BatchItem> items = BatchFakes.items(inputs, ITEMS);
        Path out = dir.resolve("out");
        Path index = out.resolve(BatchRunner.STATE_FOLDER).resolve(BatchRunner.INDEX_FILE);
        Path log = dir.resolve("child.log");

        Process child = new ProcessBuilder(javaCommand(BatchChild.class.getName(), inputs.toString(), out.toString(),
                Integer.toString(ITEMS), "300"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (indexedItems(index) < 2) {
                assertTrue(child.isAlive(), () -> "the child ended before it was killed:\n" + read(log));
                assertTrue(System.nanoTime() < giveUp, () -> "the child indexed no 2 items in 90 s:\n" + read(log));
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        Map<String, BatchIndex.Entry> indexed = OutputChecks.assertOnlyCompleteFolders(out);
        assertTrue(indexed.size() >= 2 && indexed.size() < ITEMS, "killed after 2 items and before all " + ITEMS + ": " + indexed.keySet());
        assertTrue(OutputChecks.itemFolders(out).containsAll(indexed.keySet()));

        try (DeoccPipeline pipeline = BatchFakes.pipeline()) {
            BatchReport report = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(2, true)).run(items);
            Set<String> skipped = new LinkedHashSet<>();
            for (ItemOutcome outcome : report.items()) {
                assertTrue(outcome.status().succeeded(), outcome::toString);
                if (outcome.status() == ItemStatus.SKIPPED_DONE_BEFORE) {
                    skipped.add(outcome.itemId());
                }
            }
            assertEquals(indexed.keySet(), skipped, "exactly the items the killed run finished are skipped");
            assertEquals(ITEMS, report.items().size());
        }
        OutputChecks.assertOnlyCompleteFolders(out);
        assertEquals(ITEMS, OutputChecks.itemFolders(out).size());
        assertEquals(Set.of(), OutputChecks.stagingLeftovers(out), "the re-run removed what the killed run left in staging");
    }

    private static long indexedItems(Path index) throws IOException {
        if (!Files.isRegularFile(index)) {
            return 0;
        }
        return Files.readAllLines(index).stream().filter(line -> BatchIndex.parse(line) != null).count();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * {@code java} of this JVM with this test's classes on the class path: the module path that
     * surefire gives the test JVM, its class path, and the module's class folders.
     */
    private static List<String> javaCommand(String mainClass, String... args) {
        Set<String> path = new LinkedHashSet<>();
        path.add(Path.of("target/test-classes").toAbsolutePath().toString());
        path.add(Path.of("target/classes").toAbsolutePath().toString());
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        path.add(entry);
                    }
                }
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, path));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
