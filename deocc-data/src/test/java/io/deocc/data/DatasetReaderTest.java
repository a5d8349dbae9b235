package io.deocc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad item is reported as a Skipped result with its line number and a message naming
 * the file or field and the fix, and the lines around it are still read.
 */
class DatasetReaderTest {
    private static final int GOOD = 2;

    @TempDir
    Path tmp;

    private Path dir;

    /** A dataset of two good samples ({@code s0}, {@code s1} on lines 1 and 2) followed by {@code badLines}, then one more good line. */
    private List<SampleResult> readWith(String... badLines) {
        return readWith(ResourceLimits.defaults(), badLines);
    }

    private List<SampleResult> readWith(ResourceLimits limits, String... badLines) {
        if (dir == null) {
            dir = tmp.resolve("set");
            TestSamples.writeDataset(dir, GOOD);
        }
        TestSamples.appendLines(dir, badLines);
        TestSamples.appendLines(dir, good("after"));
        try (SampleSource source = Datasets.open(dir, limits); Stream<SampleResult> items = source.stream()) {
            List<SampleResult> results = items.toList();
            assertEquals(GOOD + badLines.length + 1, results.size(), "one result per line");
            long loaded = results.stream().filter(r -> r instanceof SampleResult.Loaded).count();
            assertEquals(GOOD + 1, loaded, "the good lines before and after the bad ones are read: " + results);
            assertEquals("after", ((SampleResult.Loaded) results.get(results.size() - 1)).sample().id());
            return results;
        }
    }

    /** A line reusing sample s0's files under another id. */
    private static String good(String id) {
        return TestSamples.line(id, "image/s0.png", "visible/s0.png", "amodal/s0.png");
    }

    /** The single Skipped result, checked to be on line 3 with the given code and message parts. */
    private static SampleResult.Skipped skippedOnLine3(List<SampleResult> results, ErrorCode code, String... messageParts) {
        SampleResult.Skipped skipped = assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD));
        assertEquals(3, skipped.line());
        assertEquals(code, skipped.error().errorCode(), skipped.error().getMessage());
        String message = skipped.error().getMessage();
        assertTrue(message.startsWith("manifest.jsonl line 3"), message);
        for (String part : messageParts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
        return skipped;
    }

    @Test
    void missingFileNamesFieldAndPath() {
        List<SampleResult> results = readWith(TestSamples.line("m", "image/s0.png", "visible/nope.png", "amodal/s0.png"));
        SampleResult.Skipped skipped = skippedOnLine3(results, ErrorCode.FILE_NOT_FOUND, "id 'm'", "field 'visible'", "'visible/nope.png' does not exist",
                "fix the path");
        assertEquals("m", skipped.itemId());
    }

    @Test
    void maskOfAnotherSizeIsReported() {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        TestSamples.writeMask(dir.resolve("small.png"), BinaryMask.ofBox(10, 10, new io.deocc.api.image.Box(2, 2, 4, 4)));
        List<SampleResult> results = readWith(TestSamples.line("w", "image/s0.png", "visible/s0.png", "small.png"));
        skippedOnLine3(results, ErrorCode.SIZE_MISMATCH, "field 'amodal'", "'small.png' is 10x10", "is " + TestSamples.WIDTH + "x"
                + TestSamples.HEIGHT, "image's size");
    }

    @Test
    void maskWithMoreThanOneForegroundLevelIsReported() {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        int[] values = new int[TestSamples.WIDTH * TestSamples.HEIGHT];
        values[5] = 255;
        values[6] = 128; // an anti-aliased edge
        TestSamples.writeGrey(dir.resolve("soft.png"), TestSamples.WIDTH, TestSamples.HEIGHT, values);
        List<SampleResult> results = readWith(TestSamples.line("nb", "image/s0.png", "soft.png", "amodal/s0.png"));
        skippedOnLine3(results, ErrorCode.ANNOTATION_INVALID, "field 'visible'", "'soft.png' is not binary", "0, 255 and 128",
                "pixel (6, 0)", "only 0 (background) and 255");
    }

    @Test
    void anyOneForegroundLevelIsAccepted() {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        int[] values = new int[TestSamples.WIDTH * TestSamples.HEIGHT];
        values[5] = 1;
        values[6] = 1;
        TestSamples.writeGrey(dir.resolve("ones.png"), TestSamples.WIDTH, TestSamples.HEIGHT, values);
        TestSamples.writeGrey(dir.resolve("all.png"), TestSamples.WIDTH, TestSamples.HEIGHT, java.util.Arrays.stream(values).map(v -> 1).toArray());
        TestSamples.appendLines(dir, TestSamples.line("ones", "image/s0.png", "ones.png", "all.png"));
        try (SampleSource source = Datasets.open(dir, ResourceLimits.defaults())) {
            SampleResult last = source.stream().toList().get(GOOD);
            Sample sample = assertInstanceOf(SampleResult.Loaded.class, last, last.toString()).sample();
            assertEquals(2, sample.visible().area());
        }
    }

    @Test
    void emptyVisibleMaskIsReported() {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        TestSamples.writeGrey(dir.resolve("empty.png"), TestSamples.WIDTH, TestSamples.HEIGHT, new int[TestSamples.WIDTH * TestSamples.HEIGHT]);
        List<SampleResult> results = readWith(TestSamples.line("e", "image/s0.png", "empty.png", "amodal/s0.png"));
        skippedOnLine3(results, ErrorCode.EMPTY_MASK, "field 'visible'", "'empty.png' is empty");
    }

    @Test
    void amodalMaskThatDoesNotContainTheVisibleMaskIsReported() {
        List<SampleResult> results = readWith(TestSamples.line("swap", "image/s0.png", "amodal/s0.png", "visible/s0.png"));
        skippedOnLine3(results, ErrorCode.INVALID_ARGUMENT, "id 'swap'", "amodal mask does not contain the visible mask");
    }

    @Test
    void corruptAndTruncatedPngsAreReported() throws IOException {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        Files.writeString(dir.resolve("garbage.png"), "this is not a picture");
        byte[] png = Files.readAllBytes(dir.resolve("image/s0.png"));
        Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(png, png.length / 2));
        List<SampleResult> results = readWith(TestSamples.line("g", "garbage.png", "visible/s0.png", "amodal/s0.png"),
                TestSamples.line("t", "cut.png", "visible/s0.png", "amodal/s0.png"));
        skippedOnLine3(results, ErrorCode.IMAGE_UNREADABLE, "field 'image'", "garbage.png");
        SampleResult.Skipped truncated = assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD + 1));
        assertEquals(4, truncated.line());
        assertEquals(ErrorCode.IMAGE_UNREADABLE, truncated.error().errorCode());
        assertTrue(truncated.error().getMessage().contains("cut.png"), truncated.error().getMessage());
    }

    @Test
    void duplicatedIdNamesTheFirstLine() {
        List<SampleResult> results = readWith(good("s1"));
        SampleResult.Skipped skipped = skippedOnLine3(results, ErrorCode.ANNOTATION_INVALID, "id 's1'", "already used on line 2", "unique id");
        assertEquals("s1", skipped.itemId());
    }

    @Test
    void malformedJsonLinesAreReported() {
        List<SampleResult> results = readWith("{\"id\": \"broken\", \"image\": ", "[1, 2]", "{\"id\":\"a\"} trailing");
        SampleResult.Skipped skipped = skippedOnLine3(results, ErrorCode.ANNOTATION_INVALID, "not valid JSON", "one JSON object per line");
        assertEquals("line 3", skipped.itemId());
        SampleResult.Skipped array = assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD + 1));
        assertEquals(4, array.line());
        assertTrue(array.error().getMessage().contains("not a JSON object"), array.error().getMessage());
        SampleResult.Skipped trailing = assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD + 2));
        assertEquals(5, trailing.line());
    }

    @Test
    void unknownMissingDuplicatedAndMistypedFieldsAreReported() {
        List<SampleResult> results = readWith(
                "{\"id\":\"u\",\"image\":\"image/s0.png\",\"visible\":\"visible/s0.png\",\"amodal\":\"amodal/s0.png\",\"colour\":\"red\"}",
                "{\"id\":\"nm\",\"image\":\"image/s0.png\",\"visible\":\"visible/s0.png\"}",
                "{\"id\":\"d\",\"id\":\"e\",\"image\":\"image/s0.png\",\"visible\":\"visible/s0.png\",\"amodal\":\"amodal/s0.png\"}",
                "{\"id\":7,\"image\":\"image/s0.png\",\"visible\":\"visible/s0.png\",\"amodal\":\"amodal/s0.png\"}",
                "{\"id\":\"b\",\"image\":\"image/s0.png\",\"visible\":\"visible/s0.png\",\"amodal\":\"amodal/s0.png\",\"box\":[1,2,3]}",
                "{\"id\":\"r\",\"image\":\"image/s0.png\",\"visible\":\"visible/s0.png\",\"amodal\":\"amodal/s0.png\",\"visible_ratio\":1.5}",
                "{\"id\":\"sd\",\"image\":\"image/s0.png\",\"visible\":\"visible/s0.png\",\"amodal\":\"amodal/s0.png\",\"seed\":\"x\"}");
        skippedOnLine3(results, ErrorCode.ANNOTATION_INVALID, "unknown field 'colour'", "use one of");
        String[] expected = {"required field 'amodal' is missing", "Duplicate field 'id'", "field 'id' is 7: expected a string",
            "field 'box' is [1,2,3]: expected [x, y, width, height]", "field 'visible_ratio' is 1.5", "field 'seed' is \"x\""};
        for (int i = 0; i < expected.length; i++) {
            SampleResult.Skipped skipped = assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD + 1 + i));
            assertEquals(4 + i, skipped.line());
            assertEquals(ErrorCode.ANNOTATION_INVALID, skipped.error().errorCode());
            assertTrue(skipped.error().getMessage().contains(expected[i]), expected[i] + " in: " + skipped.error().getMessage());
        }
    }

    @Test
    void pathsLeavingTheFolderAreRefused() throws IOException {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        Path outside = tmp.resolve("outside.png");
        Files.copy(dir.resolve("image/s0.png"), outside);
        Files.createSymbolicLink(dir.resolve("link.png"), outside);
        List<SampleResult> results = readWith(
                TestSamples.line("p1", "../outside.png", "visible/s0.png", "amodal/s0.png"),
                TestSamples.line("p2", outside.toAbsolutePath().toString(), "visible/s0.png", "amodal/s0.png"),
                TestSamples.line("p3", "link.png", "visible/s0.png", "amodal/s0.png"),
                TestSamples.line("p4", "image/../../outside.png", "visible/s0.png", "amodal/s0.png"),
                TestSamples.line("p5", "image\\\\s0.png", "visible/s0.png", "amodal/s0.png"));
        skippedOnLine3(results, ErrorCode.ANNOTATION_INVALID, "field 'image'", "'../outside.png' contains '..'");
        String[] expected = {"is absolute", "symbolic link", "contains '..'", "contains '\\'"};
        for (int i = 0; i < expected.length; i++) {
            SampleResult.Skipped skipped = assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD + 1 + i));
            assertEquals(4 + i, skipped.line());
            assertTrue(skipped.error().getMessage().contains(expected[i]), expected[i] + " in: " + skipped.error().getMessage());
        }
    }

    @Test
    void entriesResolveTheFilesWithTheSameChecksWithoutDecoding() throws IOException {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        Path outside = tmp.resolve("outside.png");
        Files.copy(dir.resolve("image/s0.png"), outside);
        Files.createSymbolicLink(dir.resolve("link.png"), outside);
        Files.writeString(dir.resolve("image/corrupt.png"), "not a png");
        TestSamples.appendLines(dir,
                TestSamples.line("linked", "link.png", "visible/s0.png", "amodal/s0.png"),
                TestSamples.line("s0", "image/s0.png", "visible/s0.png", "amodal/s0.png"),
                TestSamples.line("corrupt", "image/corrupt.png", "visible/s0.png", "amodal/s0.png"),
                "{not json");
        try (DatasetReader reader = DatasetReader.open(dir, ResourceLimits.defaults());
                Stream<DatasetEntry.Result> entries = reader.entries()) {
            List<DatasetEntry.Result> results = entries.toList();
            assertEquals(GOOD + 4, results.size(), "one result per line");
            DatasetEntry first = assertInstanceOf(DatasetEntry.Found.class, results.get(0)).entry();
            assertEquals("s0", first.id());
            assertEquals(1, first.line());
            assertEquals(dir.toRealPath().resolve("image/s0.png"), first.image());
            assertEquals(dir.toRealPath().resolve("visible/s0.png"), first.visible());
            SampleResult.Skipped linked = assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD));
            assertTrue(linked.error().getMessage().contains("symbolic link") && linked.error().getMessage().contains("field 'image'"),
                    linked.error().getMessage());
            SampleResult.Skipped repeated = assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD + 1));
            assertTrue(repeated.error().getMessage().contains("already used on line 1"), repeated.error().getMessage());
            // nothing is decoded: a corrupt PNG is a fine entry, found out only when read
            assertEquals("corrupt", assertInstanceOf(DatasetEntry.Found.class, results.get(GOOD + 2)).entry().id());
            assertEquals(4 + GOOD, assertInstanceOf(SampleResult.Skipped.class, results.get(GOOD + 3)).line());
        }
    }

    @Test
    void symbolicLinkInsideTheFolderIsFollowed() throws IOException {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        Files.createSymbolicLink(dir.resolve("inside-link.png"), dir.resolve("image/s0.png"));
        TestSamples.appendLines(dir, TestSamples.line("ok", "inside-link.png", "visible/s0.png", "amodal/s0.png"));
        try (SampleSource source = Datasets.open(dir, ResourceLimits.defaults())) {
            assertInstanceOf(SampleResult.Loaded.class, source.stream().toList().get(GOOD));
        }
    }

    @Test
    void overlongLineIsReportedWithoutBeingKept() {
        String longLine = "{\"id\":\"" + "x".repeat(DatasetLayout.MAX_LINE_CHARS * 3) + "\"}";
        List<SampleResult> results = readWith(longLine);
        skippedOnLine3(results, ErrorCode.ANNOTATION_INVALID, "characters long, over the limit of " + DatasetLayout.MAX_LINE_CHARS);
    }

    @Test
    void parsingMapWithValuesOutsideLipLabelsIsReported() {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        int[] values = new int[TestSamples.WIDTH * TestSamples.HEIGHT];
        values[3] = 200;
        TestSamples.writeGrey(dir.resolve("colour-coded.png"), TestSamples.WIDTH, TestSamples.HEIGHT, values);
        List<SampleResult> results = readWith("{\"id\":\"pm\",\"image\":\"image/s0.png\",\"visible\":\"visible/s0.png\",\"amodal\":\"amodal/s0.png\","
                + "\"amodal_parsing\":\"colour-coded.png\"}");
        skippedOnLine3(results, ErrorCode.ANNOTATION_INVALID, "field 'amodal_parsing'", "the value 200 at pixel (3, 0)", "not a LIP label");
    }

    @Test
    void imageOverTheLimitIsReportedAsAResourceProblem() {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        try (SampleSource source = Datasets.open(dir, ResourceLimits.defaults().withMaxImagePixels(100))) {
            List<SampleResult> results = source.stream().toList();
            assertEquals(GOOD, results.size());
            for (int i = 0; i < GOOD; i++) {
                SampleResult.Skipped skipped = assertInstanceOf(SampleResult.Skipped.class, results.get(i));
                assertEquals(i + 1, skipped.line());
                assertEquals(ErrorCode.IMAGE_TOO_LARGE, skipped.error().errorCode());
                assertTrue(skipped.error().getMessage().contains("field 'image'"), skipped.error().getMessage());
            }
        }
    }

    @Test
    void blankLinesCrLfAndByteOrderMarkAreAccepted() throws IOException {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        String manifest = Files.readString(dir.resolve(DatasetLayout.MANIFEST));
        Files.writeString(dir.resolve(DatasetLayout.MANIFEST), "\uFEFF" + manifest.replace("\n", "\r\n\r\n  \n"));
        try (SampleSource source = Datasets.open(dir, ResourceLimits.defaults())) {
            List<SampleResult> results = source.stream().toList();
            assertEquals(GOOD, results.size());
            assertTrue(results.stream().allMatch(r -> r instanceof SampleResult.Loaded), results.toString());
        }
    }

    @Test
    void missingFolderOrManifestFailsAtOpen() throws IOException {
        DeoccException noFolder = assertThrows(DeoccException.class, () -> Datasets.open(tmp.resolve("none"), ResourceLimits.defaults()));
        assertEquals(ErrorCode.FILE_NOT_FOUND, noFolder.errorCode());
        Files.createDirectories(tmp.resolve("empty"));
        DeoccException noManifest = assertThrows(DeoccException.class, () -> Datasets.open(tmp.resolve("empty"), ResourceLimits.defaults()));
        assertTrue(noManifest.getMessage().contains("has no manifest.jsonl"), noManifest.getMessage());
        assertThrows(DeoccException.class, () -> Datasets.open(null, ResourceLimits.defaults()));
        assertThrows(DeoccException.class, () -> Datasets.open(tmp, null));
    }

    @Test
    void closedSourceRefusesNewStreamsAndEachStreamReadsAfresh() {
        dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, GOOD);
        SampleSource source = Datasets.open(dir, ResourceLimits.defaults());
        assertEquals(GOOD, source.stream().count());
        assertEquals(GOOD, source.stream().count());
        source.close();
        assertThrows(DeoccException.class, source::stream);
    }
}
