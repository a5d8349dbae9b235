package io.deocc.runtime.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.io.ImageFiles;
import io.deocc.runtime.DeoccPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {
    @TempDir
    Path dir;

    @Test
    void outputsGetThePermissionsOfAnyNewFileAndFolder() throws IOException {
        // staging through Files.createTempDirectory/createTempFile would leave owner-only (0700/0600) outputs
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX only");
        Path out = dir.resolve("out");
        try (DeoccPipeline pipeline = BatchFakes.pipeline(n -> { }, n -> { }, java.time.Duration.ofMinutes(1))) {
            BatchReport report = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(1, true)).run(BatchFakes.items(dir, 1));
            assertEquals(1, report.count(ItemStatus.DONE), () -> report.items().toString());
        }
        Path plainFolder = Files.createDirectory(dir.resolve("plain"));
        Path plainFile = Files.writeString(plainFolder.resolve("plain.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(plainFolder), Files.getPosixFilePermissions(out.resolve("item-1")));
        assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(out.resolve("item-1/people.txt")));
        assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(out.resolve(BatchReport.JSON_FILE)));
    }

    @Test
    void aFolderInUseByAnotherBatchIsRefusedAndLeftAlone() throws IOException {
        Path out = dir.resolve("out");
        Path lockFile = Files.createDirectories(out.resolve(BatchRunner.STATE_FOLDER)).resolve("lock");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = channel.lock();
                DeoccPipeline pipeline = BatchFakes.pipeline(n -> { }, n -> { }, java.time.Duration.ofMinutes(1))) {
            BatchRunner runner = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(1, true));
            DeoccException e = assertThrows(DeoccException.class, () -> runner.run(BatchFakes.items(dir, 2)));
            assertEquals(ErrorCode.IO_FAILURE, e.errorCode());
            assertTrue(e.getMessage().contains("in use by another batch"), e.getMessage());
            assertFalse(Files.exists(out.resolve("item-1")), "nothing written while another batch holds the folder");
        }
    }

    @Test
    void writesEveryItemThenSkipsThemAndRedoesExactlyWhatChanged() throws IOException {
        List<BatchItem> items = BatchFakes.items(dir, 10);
        Path out = dir.resolve("out");
        AtomicInteger completions = new AtomicInteger();
        try (DeoccPipeline pipeline = BatchFakes.pipeline(n -> { }, n -> completions.incrementAndGet(), java.time.Duration.ofMinutes(1))) {
            BatchRunner runner = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(3, true));

            BatchReport first = runner.run(items);
            assertEquals(10, first.count(ItemStatus.DONE), () -> first.items().toString());
            assertEquals(10, completions.get());
            for (int n = 1; n <= 10; n++) {
                Path folder = out.resolve("item-" + n);
                assertEquals(Set.of("people.txt", "person-1/amodal.png", "person-1/composite.png"), OutputChecks.files(folder).keySet());
                ItemOutcome outcome = first.items().get(n - 1);
                assertEquals("item-" + n, outcome.itemId(), "the report keeps input order");
                assertEquals(1, outcome.people());
                assertEquals(OutputChecks.files(folder), outcome.outputs(), "the report carries the files' SHA-256");
                // the completer grew the 6x5 rectangle (and the marker pixel) one row down
                BinaryMask amodal = ImageFiles.readMask(folder.resolve("person-1/amodal.png"), pipeline.config().limits());
                assertEquals(6 * 6 + 2, amodal.area());
            }
            OutputChecks.assertOnlyCompleteFolders(out);
            assertEquals(Set.of(), OutputChecks.stagingLeftovers(out));
            assertReportFiles(out, first);

            BatchReport second = runner.run(items);
            assertEquals(10, second.count(ItemStatus.SKIPPED_DONE_BEFORE), () -> second.items().toString());
            assertEquals(10, completions.get(), "skipped items are not processed again");
            assertEquals(first.items().get(4).outputs(), second.items().get(4).outputs());

            // change one input and damage one output: exactly those two are redone
            ImageFiles.writePng(BatchFakes.image(33), items.get(2).image());
            Path damaged = out.resolve("item-7/person-1/composite.png");
            byte[] good = Files.readAllBytes(damaged);
            Files.write(damaged, new byte[] {1}, StandardOpenOption.APPEND);

            BatchReport third = runner.run(items);
            Map<String, ItemStatus> statuses = third.items().stream().collect(Collectors.toMap(ItemOutcome::itemId, ItemOutcome::status));
            for (int n = 1; n <= 10; n++) {
                ItemStatus expected = n == 3 || n == 7 ? ItemStatus.DONE : ItemStatus.SKIPPED_DONE_BEFORE;
                assertEquals(expected, statuses.get("item-" + n), "item-" + n);
            }
            assertEquals(12, completions.get());
            assertArrayEquals(good, Files.readAllBytes(damaged), "the damaged output was written anew");
            assertEquals(33, ImageFiles.readRgb(out.resolve("item-3/person-1/composite.png"), pipeline.config().limits()).rgb(0, 0),
                    "item-3 now holds the result of its new image");
            OutputChecks.assertOnlyCompleteFolders(out);
            assertEquals(Set.of(), OutputChecks.stagingLeftovers(out), "replaced folders are not left behind");

            // a writer with another output format invalidates every entry; so does --no-resume
            ItemWriter newFormat = new ItemWriter() {
                @Override
                public void write(ItemFiles files, BatchItem item, io.deocc.api.image.RgbImage image, io.deocc.api.model.DeoccResult result)
                        throws IOException {
                    BatchFakes.WRITER.write(files, item, image, result);
                }

                @Override
                public String outputFormat() {
                    return "v2";
                }
            };
            BatchReport fourth = BatchRunner.create(pipeline, out, newFormat, new BatchOptions(2, true)).run(items);
            assertEquals(10, fourth.count(ItemStatus.DONE));
            BatchReport fifth = BatchRunner.create(pipeline, out, newFormat, new BatchOptions(2, false)).run(items);
            assertEquals(10, fifth.count(ItemStatus.DONE));
            assertEquals(32, completions.get());
        }
    }

    private static void assertReportFiles(Path out, BatchReport report) throws IOException {
        JsonNode json = new ObjectMapper().readTree(out.resolve(BatchReport.JSON_FILE).toFile());
        assertEquals(report.items().size(), json.get("items").asInt());
        assertEquals(report.count(ItemStatus.DONE), json.get("done").asLong());
        assertEquals(report.items().size(), json.get("outcomes").size());
        for (int i = 0; i < report.items().size(); i++) {
            JsonNode node = json.get("outcomes").get(i);
            ItemOutcome outcome = report.items().get(i);
            assertEquals(outcome.itemId(), node.get("id").asText());
            assertEquals(outcome.status().name(), node.get("status").asText());
            assertEquals(outcome.outputs().size(), node.get("outputs").size());
        }
        List<String> csv = Files.readAllLines(out.resolve(BatchReport.CSV_FILE), StandardCharsets.UTF_8);
        assertEquals(ReportFiles.CSV_HEADER, csv.get(0));
        assertEquals(report.items().size() + 1, csv.size());
        assertTrue(csv.get(1).startsWith(report.items().get(0).itemId() + "," + report.items().get(0).status() + ","), csv.get(1));
    }

    @Test
    void eightWorkersWriteTheSameBytesAsOne() throws IOException {
        List<BatchItem> items = BatchFakes.items(dir, 24);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (DeoccPipeline pipeline = BatchFakes.pipeline(n -> threads.add(Thread.currentThread().getName()), n -> { },
                java.time.Duration.ofMinutes(1))) {
            BatchReport one = BatchRunner.create(pipeline, dir.resolve("one"), BatchFakes.WRITER, new BatchOptions(1, true)).run(items);
            threads.clear();
            BatchReport eight = BatchRunner.create(pipeline, dir.resolve("eight"), BatchFakes.WRITER, new BatchOptions(8, true)).run(items);
            assertTrue(one.succeeded() && eight.succeeded());
            assertTrue(threads.size() > 1, "items ran on several threads: " + threads);
            for (BatchItem item : items) {
                Map<String, String> a = OutputChecks.files(dir.resolve("one").resolve(item.id()));
                Map<String, String> b = OutputChecks.files(dir.resolve("eight").resolve(item.id()));
                assertEquals(a, b, item.id());
                for (String file : a.keySet()) {
                    assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(item.id()).resolve(file)),
                            Files.readAllBytes(dir.resolve("eight").resolve(item.id()).resolve(file)), item.id() + "/" + file);
                }
            }
            List<Map<String, String>> outputsOne = new ArrayList<>();
            one.items().forEach(o -> outputsOne.add(o.outputs()));
            List<Map<String, String>> outputsEight = new ArrayList<>();
            eight.items().forEach(o -> outputsEight.add(o.outputs()));
            assertEquals(outputsOne, outputsEight);
            assertEquals(one.configChecksum(), eight.configChecksum());
        }
    }

    @Test
    void toleratesACutShortLastIndexLine() throws IOException {
        List<BatchItem> items = BatchFakes.items(dir, 4);
        Path out = dir.resolve("out");
        try (DeoccPipeline pipeline = BatchFakes.pipeline()) {
            BatchRunner runner = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(2, true));
            runner.run(items);
            Path index = out.resolve(BatchRunner.STATE_FOLDER).resolve(BatchRunner.INDEX_FILE);
            List<String> lines = Files.readAllLines(index);
            assertEquals(4, lines.size());
            String last = lines.get(3);
            String cut = String.join("\n", lines.subList(0, 3)) + "\n" + last.substring(0, last.length() / 2);
            Files.writeString(index, cut);
            String lastId = BatchIndex.parse(last).id();

            BatchReport again = runner.run(items);
            for (ItemOutcome outcome : again.items()) {
                assertEquals(outcome.itemId().equals(lastId) ? ItemStatus.DONE : ItemStatus.SKIPPED_DONE_BEFORE, outcome.status(), outcome.itemId());
            }
            assertEquals(4, BatchIndex.read(index).size());
            for (String line : Files.readAllLines(index)) {
                assertTrue(BatchIndex.parse(line) != null, "every index line parses after the re-run: " + line);
            }
        }
    }

    @Test
    void rejectsBadItemsAndOptionsWithMessagesThatSayWhatToDo() {
        DeoccException badId = assertThrows(DeoccException.class, () -> BatchItem.of("../escape", Path.of("a.png")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, badId.errorCode());
        assertTrue(badId.getMessage().contains("'../escape'") && badId.getMessage().contains("toSafeId"), badId.getMessage());
        assertThrows(DeoccException.class, () -> BatchItem.of(null, Path.of("a.png")));
        assertThrows(DeoccException.class, () -> BatchItem.of("a", null));
        assertThrows(DeoccException.class, () -> new BatchOptions(0, true));
        assertEquals("photos_2021_x.y", BatchItem.toSafeId("photos/2021 x.y"));
        assertEquals("x.hidden", BatchItem.toSafeId(".hidden"));
        assertTrue(BatchItem.ID_PATTERN.matcher(BatchItem.toSafeId("é".repeat(300))).matches());

        try (DeoccPipeline pipeline = BatchFakes.pipeline()) {
            BatchRunner runner = BatchRunner.create(pipeline, dir.resolve("out"), BatchFakes.WRITER, BatchOptions.defaults());
            DeoccException duplicate = assertThrows(DeoccException.class,
                    () -> runner.run(List.of(BatchItem.of("Street", dir.resolve("a.png")), BatchItem.of("street", dir.resolve("b.png")))));
            assertTrue(duplicate.getMessage().contains("'Street'") && duplicate.getMessage().contains("'street'"), duplicate.getMessage());
            assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a batch rejected up front");
        }
    }

    @Test
    void listenerHearsEveryItemOnceAndItsFailureDoesNotMatter() throws IOException {
        List<BatchItem> items = BatchFakes.items(dir, 6);
        List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
        try (DeoccPipeline pipeline = BatchFakes.pipeline()) {
            BatchReport report = BatchRunner.create(pipeline, dir.resolve("out"), BatchFakes.WRITER, new BatchOptions(3, true))
                    .run(items, new BatchListener() {
                        @Override
                        public void itemStarted(BatchItem item) {
                            started.add(item.id());
                            throw new IllegalStateException("listener bug");
                        }

                        @Override
                        public void itemFinished(ItemOutcome outcome) {
                            finished.add(outcome.itemId());
                        }
                    });
            assertTrue(report.succeeded());
            assertEquals(items.stream().map(BatchItem::id).sorted().toList(), started.stream().sorted().toList());
            assertEquals(items.stream().map(BatchItem::id).sorted().toList(), finished.stream().sorted().toList());
        }
    }
}
