package io.deocc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 100 000-line manifest pointing at a few files: read lazily, one line at a time. */
class LargeManifestTest {
    private static final int LINES = 100_000;
    /** Lines from here on name a missing image: cheap to reject, so the whole file can be walked quickly. */
    private static final int FIRST_MISSING = 6;

    @TempDir
    static Path tmp;

    static Path dir;

    @BeforeAll
    static void writeManifest() throws IOException {
        dir = tmp.resolve("big");
        TestSamples.writeDataset(dir, 3);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(DatasetLayout.MANIFEST))) {
            for (int line = 1; line <= LINES; line++) {
                int file = line % 3;
                String image = line < FIRST_MISSING ? "image/s" + file + ".png" : "image/missing-" + line + ".png";
                out.write(TestSamples.line("item-" + line, image, "visible/s" + file + ".png", "amodal/s" + file + ".png"));
                out.write('\n');
            }
        }
    }

    @Test
    void limitDecodesOnlyTheLinesItTakes() {
        try (DatasetReader source = DatasetReader.open(dir, ResourceLimits.defaults()); Stream<SampleResult> items = source.stream()) {
            List<SampleResult> first = items.limit(4).toList();
            assertEquals(4, first.size());
            assertTrue(first.stream().allMatch(r -> r instanceof SampleResult.Loaded), first.toString());
            assertEquals("item-1", ((SampleResult.Loaded) first.get(0)).sample().id());
            assertTrue(source.linesRead() <= 5, "lines read: " + source.linesRead());
        }
    }

    @Test
    void walksAllLinesReportingEachBadOneWithItsNumber() {
        AtomicLong loaded = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicReference<SampleResult.Skipped> last = new AtomicReference<>();
        try (SampleSource source = Datasets.open(dir, ResourceLimits.defaults()); Stream<SampleResult> items = source.stream()) {
            // forEach keeps nothing: memory stays flat however long the manifest is
            items.forEach(result -> {
                if (result instanceof SampleResult.Skipped s) {
                    skipped.incrementAndGet();
                    last.set(s);
                } else {
                    loaded.incrementAndGet();
                }
            });
        }
        assertEquals(FIRST_MISSING - 1, loaded.get());
        assertEquals(LINES - FIRST_MISSING + 1, skipped.get());
        SampleResult.Skipped end = assertInstanceOf(SampleResult.Skipped.class, last.get());
        assertEquals(LINES, end.line());
        assertEquals("item-" + LINES, end.itemId());
        assertEquals(ErrorCode.FILE_NOT_FOUND, end.error().errorCode());
        assertTrue(end.error().getMessage().contains("image/missing-" + LINES + ".png"), end.error().getMessage());
    }
}
