package io.deocc.runtime.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Checks on an output folder that hold after any run, finished, failed or killed. */
final class OutputChecks {
    private OutputChecks() {}

    /** The item folders in OUT (names not starting with a dot). */
    static Set<String> itemFolders(Path out) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> entries = Files.list(out)) {
            entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(names::add);
        }
        return names;
    }

    /** Every file under {@code dir}, relative path to SHA-256. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), Checksums.of(file));
            }
        }
        return files;
    }

    /**
     * Asserts that every item folder is complete: the index has a line for it naming exactly the
     * files it holds, with their checksums. Returns the index.
     */
    static Map<String, BatchIndex.Entry> assertOnlyCompleteFolders(Path out) throws IOException {
        Map<String, BatchIndex.Entry> index = BatchIndex.read(out.resolve(BatchRunner.STATE_FOLDER).resolve(BatchRunner.INDEX_FILE));
        for (String folder : itemFolders(out)) {
            BatchIndex.Entry entry = index.get(folder);
            assertTrue(entry != null, "folder " + folder + " is in OUT but not in the index: a partial or unrecorded item");
            assertEquals(entry.files(), files(out.resolve(folder)), "folder " + folder + " differs from its index entry");
            assertTrue(!entry.files().isEmpty(), "index entry of " + folder + " names no files");
        }
        return index;
    }

    /** Leftovers in the staging folder. */
    static Set<String> stagingLeftovers(Path out) throws IOException {
        Path staging = out.resolve(BatchRunner.STAGING_FOLDER);
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(staging)) {
            try (Stream<Path> entries = Files.list(staging)) {
                entries.map(p -> p.getFileName().toString()).forEach(names::add);
            }
        }
        return names;
    }
}
