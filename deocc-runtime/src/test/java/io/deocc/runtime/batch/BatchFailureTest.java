package io.deocc.runtime.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ErrorCode;
import io.deocc.runtime.DeoccPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchFailureTest {
    @TempDir
    Path dir;

    private static Set<String> idsWith(BatchReport report, ItemStatus status) {
        return report.items().stream().filter(o -> o.status() == status).map(ItemOutcome::itemId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The item folders are exactly the DONE items, each complete, and nothing else is in OUT. */
    private static void assertOnlyDoneItemsCommitted(Path out, BatchReport report) throws IOException {
        Map<String, BatchIndex.Entry> index = OutputChecks.assertOnlyCompleteFolders(out);
        assertEquals(idsWith(report, ItemStatus.DONE), OutputChecks.itemFolders(out), "item folders in OUT are the DONE items");
        for (ItemOutcome outcome : report.items()) {
            if (outcome.status() == ItemStatus.DONE) {
                assertEquals(outcome.outputs(), index.get(outcome.itemId()).files());
            } else {
                assertFalse(index.containsKey(outcome.itemId()), outcome.itemId() + " is " + outcome.status() + " but in the index");
            }
        }
    }

    @Test
    void aComponentThatThrowsOnEverySeventhCallFailsExactlyThoseItems() throws IOException {
        List<BatchItem> items = BatchFakes.items(dir, 24);
        AtomicInteger calls = new AtomicInteger();
        Set<String> thrownFor = ConcurrentHashMap.newKeySet();
        Path out = dir.resolve("out");
        try (DeoccPipeline pipeline = BatchFakes.pipeline(n -> { }, n -> {
            if (calls.incrementAndGet() % 7 == 0) {
                thrownFor.add("item-" + n);
                throw new IllegalStateException("every 7th call fails");
            }
        }, Duration.ofMinutes(1))) {
            BatchReport report = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(4, true)).run(items);

            assertEquals(3, thrownFor.size());
            assertEquals(thrownFor, idsWith(report, ItemStatus.FAILED));
            assertEquals(21, report.count(ItemStatus.DONE));
            for (ItemOutcome outcome : report.items()) {
                if (outcome.status() == ItemStatus.FAILED) {
                    assertEquals(Optional.of(ErrorCode.INTERNAL), outcome.errorCode());
                    assertTrue(outcome.message().contains("every 7th call fails"), outcome.message());
                    assertEquals(Map.of(), outcome.outputs());
                }
            }
            assertOnlyDoneItemsCommitted(out, report);
            assertEquals(Set.of(), OutputChecks.stagingLeftovers(out));
            String csv = Files.readString(out.resolve(BatchReport.CSV_FILE));
            for (String id : thrownFor) {
                assertTrue(csv.lines().anyMatch(line -> line.startsWith(id + ",FAILED,INTERNAL,") && line.contains("every 7th call fails")), csv);
            }
        }
    }

    @Test
    void corruptImagesEmptyImagesAndErrorsAreReportedAndTheBatchGoesOn() throws IOException {
        List<BatchItem> items = new ArrayList<>(BatchFakes.items(dir, 5));
        Path corrupt = Files.write(dir.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        items.add(1, BatchItem.of("corrupt", corrupt));
        Path black = dir.resolve("black.png");
        io.deocc.api.io.ImageFiles.writePng(io.deocc.api.image.RgbImage.of(4, 4, new int[16]), black);
        items.add(3, BatchItem.of("black", black));
        items.add(BatchItem.of("missing", dir.resolve("nope.png")));
        Path out = dir.resolve("out");
        try (DeoccPipeline pipeline = BatchFakes.pipeline(n -> {
            if (n == 4) {
                throw new OutOfMemoryError("fake: no heap left");
            }
            if (n == 5) {
                throw new StackOverflowError("fake: too deep");
            }
        }, n -> { }, Duration.ofMinutes(1))) {
            BatchReport report = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(2, true)).run(items);

            Map<String, ItemOutcome> byId = report.items().stream().collect(Collectors.toMap(ItemOutcome::itemId, o -> o));
            assertEquals(items.size(), report.items().size());
            assertEquals(Set.of("item-1", "item-2", "item-3"), idsWith(report, ItemStatus.DONE));
            assertEquals(Optional.of(ErrorCode.IMAGE_UNREADABLE), byId.get("corrupt").errorCode());
            assertEquals(Optional.of(ErrorCode.EMPTY_MASK), byId.get("black").errorCode());
            assertTrue(byId.get("black").message().contains("no people found"), byId.get("black").message());
            assertEquals(Optional.of(ErrorCode.OUT_OF_MEMORY), byId.get("item-4").errorCode());
            assertEquals(Optional.of(ErrorCode.INTERNAL), byId.get("item-5").errorCode());
            assertTrue(byId.get("item-5").message().contains("too deep"), byId.get("item-5").message());
            assertEquals(Optional.of(ErrorCode.FILE_NOT_FOUND), byId.get("missing").errorCode());
            assertOnlyDoneItemsCommitted(out, report);
        }
    }

    @Test
    void aFullDiskFailsTheItemsItHitsAndLeavesNoPartialOutput() throws IOException {
        List<BatchItem> items = BatchFakes.items(dir, 10);
        Path out = dir.resolve("out");
        try (DeoccPipeline pipeline = BatchFakes.pipeline()) {
            // about three items' worth of bytes (each writes a little over 300)
            FaultyStorage storage = FaultyStorage.diskFullAfter(1200);
            BatchReport report = new BatchRunner(pipeline, out, BatchFakes.WRITER, new BatchOptions(1, true), storage).run(items);

            assertEquals(10, report.items().size(), "every item is in the report");
            Set<String> done = idsWith(report, ItemStatus.DONE);
            Set<String> failed = idsWith(report, ItemStatus.FAILED);
            assertFalse(done.isEmpty(), () -> report.items().toString());
            assertFalse(failed.isEmpty(), () -> report.items().toString());
            assertEquals(10, done.size() + failed.size(), "a full disk does not stop the batch: each item is tried");
            for (ItemOutcome outcome : report.items()) {
                if (outcome.status() == ItemStatus.FAILED) {
                    assertEquals(Optional.of(ErrorCode.IO_FAILURE), outcome.errorCode());
                    assertTrue(outcome.message().contains("No space left on device"), outcome.message());
                }
            }
            assertOnlyDoneItemsCommitted(out, report);
            assertEquals(Set.of(), OutputChecks.stagingLeftovers(out), "failed items' staging folders are removed");
            assertTrue(report.reportProblem().isPresent(), "the report could not be written to a full disk, and says so");

            // space freed: the re-run keeps what was done and does the rest
            BatchReport again = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(1, true)).run(items);
            assertEquals(done, idsWith(again, ItemStatus.SKIPPED_DONE_BEFORE));
            assertEquals(failed, idsWith(again, ItemStatus.DONE));
        }
    }

    @Test
    void anOutputFolderTurningReadOnlyStopsTheBatchWithEveryItemAccountedFor() throws IOException {
        List<BatchItem> items = BatchFakes.items(dir, 8);
        Path out = dir.resolve("out");
        try (DeoccPipeline pipeline = BatchFakes.pipeline()) {
            FaultyStorage storage = FaultyStorage.readOnlyAfterCommits(3);
            BatchReport report = new BatchRunner(pipeline, out, BatchFakes.WRITER, new BatchOptions(1, true), storage).run(items);

            assertTrue(storage.isReadOnly());
            assertEquals(8, report.items().size());
            assertEquals(Set.of("item-1", "item-2", "item-3"), idsWith(report, ItemStatus.DONE));
            assertEquals(Set.of("item-4"), idsWith(report, ItemStatus.FAILED), "the first item to hit the read-only folder fails");
            assertEquals(Optional.of(ErrorCode.IO_FAILURE), report.items().get(3).errorCode());
            assertEquals(Set.of("item-5", "item-6", "item-7", "item-8"), idsWith(report, ItemStatus.NOT_RUN), "then the batch stops");
            assertTrue(report.items().get(7).message().contains("unusable"), report.items().get(7).message());
            assertOnlyDoneItemsCommitted(out, report);
            assertTrue(report.reportProblem().isPresent());

            // writable again: staging leftovers go, done items are kept, the rest is done
            BatchReport again = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(2, true)).run(items);
            assertEquals(Set.of("item-1", "item-2", "item-3"), idsWith(again, ItemStatus.SKIPPED_DONE_BEFORE));
            assertEquals(5, again.count(ItemStatus.DONE));
            assertEquals(Set.of(), OutputChecks.stagingLeftovers(out));
            assertOnlyDoneItemsCommitted(out, new BatchReport(out, again.items().stream()
                    .map(o -> o.status() == ItemStatus.SKIPPED_DONE_BEFORE
                            ? ItemOutcome.succeeded(o.itemId(), ItemStatus.DONE, o.people(), o.millis(), o.outputs()) : o)
                    .toList(), 0, "", Optional.empty()));
        }
    }

    @Test
    void anItemOverItsTimeoutIsTimedOutAndNothingOfItIsCommitted() throws IOException {
        List<BatchItem> items = BatchFakes.items(dir, 6);
        Path out = dir.resolve("out");
        try (DeoccPipeline pipeline = BatchFakes.pipeline(n -> { }, n -> {
            if (n == 4) {
                BatchFakes.sleep(60_000);
            }
        }, Duration.ofSeconds(1))) {
            BatchReport report = BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(2, true)).run(items);

            assertEquals(Set.of("item-4"), idsWith(report, ItemStatus.TIMED_OUT), () -> report.items().toString());
            assertEquals(Optional.of(ErrorCode.TIMEOUT), report.items().get(3).errorCode());
            assertTrue(report.items().get(3).message().contains("limits.item-timeout-seconds"), report.items().get(3).message());
            assertEquals(5, report.count(ItemStatus.DONE));
            assertFalse(Files.exists(out.resolve("item-4")));
            assertOnlyDoneItemsCommitted(out, report);
        }
    }
}
