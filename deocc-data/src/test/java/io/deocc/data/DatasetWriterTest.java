package io.deocc.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {
    @TempDir
    Path tmp;

    @Test
    void writesEachPartAsPngAndOneManifestLinePerSampleInOrder() throws IOException {
        Path dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, 3);
        List<String> lines = Files.readAllLines(dir.resolve(DatasetLayout.MANIFEST));
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            assertTrue(lines.get(i).startsWith("{\"id\":\"s" + i + "\""), lines.get(i));
            for (String field : DatasetLayout.FILE_FIELDS) {
                String path = field + "/s" + i + ".png";
                assertTrue(lines.get(i).contains("\"" + field + "\":\"" + path + "\""), field + " in " + lines.get(i));
                assertTrue(Files.isRegularFile(dir.resolve(path)), path);
            }
        }
        // no temporary files are left behind
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void readsBackEveryPartUnchanged() {
        Path dir = tmp.resolve("set");
        List<Sample> written = TestSamples.writeDataset(dir, 4);
        try (SampleSource source = Datasets.open(dir, ResourceLimits.defaults()); Stream<SampleResult> items = source.stream()) {
            List<SampleResult> read = items.toList();
            assertEquals(written.size(), read.size());
            for (int i = 0; i < written.size(); i++) {
                Sample expected = written.get(i);
                Sample actual = ((SampleResult.Loaded) read.get(i)).sample();
                assertEquals(expected, actual, "sample " + i);
            }
        }
    }

    @Test
    void minimalSampleWritesOnlyTheRequiredFilesAndTheInformativeFields() throws IOException {
        Path dir = tmp.resolve("set");
        Sample sample = TestSamples.minimal("only-required", 5);
        try (DatasetWriter writer = DatasetWriter.create(dir, false)) {
            writer.write(sample, SampleMetadata.synthetic(77, "hand made"));
        }
        String line = Files.readAllLines(dir.resolve(DatasetLayout.MANIFEST)).get(0);
        var box = sample.visible().boundingBox().orElseThrow();
        assertEquals("{\"id\":\"only-required\",\"image\":\"image/only-required.png\",\"visible\":\"visible/only-required.png\","
                + "\"amodal\":\"amodal/only-required.png\",\"box\":[" + box.x() + "," + box.y() + "," + box.width() + "," + box.height()
                + "],\"seed\":77,\"visible_ratio\":" + Math.round(sample.visibleRatio() * 1e6) / 1e6 + ",\"source\":\"hand made\"}", line);
        assertFalse(Files.exists(dir.resolve("original")));
    }

    @Test
    void sameSamplesGiveByteIdenticalFiles() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        TestSamples.writeDataset(a, 3);
        TestSamples.writeDataset(b, 3);
        Map<String, byte[]> filesA = contents(a);
        Map<String, byte[]> filesB = contents(b);
        assertEquals(filesA.keySet(), filesB.keySet());
        assertEquals(1 + 3 * DatasetLayout.FILE_FIELDS.size(), filesA.size());
        filesA.forEach((name, bytes) -> assertArrayEquals(bytes, filesB.get(name), name));
    }

    @Test
    void pngFilesDecodeWithImageIoToTheSamePixels() throws IOException {
        Sample sample = TestSamples.full("x", 9);
        byte[] png = PngEncoder.encode(sample.image());
        RgbImage decoded = RgbImage.fromBufferedImage(ImageIO.read(new java.io.ByteArrayInputStream(png)));
        assertEquals(sample.image(), decoded);
        var grey = ImageIO.read(new java.io.ByteArrayInputStream(PngEncoder.encode(sample.amodalParsing().orElseThrow())));
        int[] labels = grey.getRaster().getSamples(0, 0, grey.getWidth(), grey.getHeight(), 0, (int[]) null);
        byte[] expected = sample.amodalParsing().orElseThrow().toArray();
        for (int i = 0; i < labels.length; i++) {
            assertEquals(expected[i], labels[i], "label at " + i);
        }
    }

    @Test
    void refusesNonEmptyFolderUnlessToldToOverwrite() throws IOException {
        Path dir = tmp.resolve("set");
        TestSamples.writeDataset(dir, 2);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        DeoccException e = assertThrows(DeoccException.class, () -> DatasetWriter.create(dir, false));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("not empty") && e.getMessage().contains("--force"), e.getMessage());

        try (DatasetWriter writer = DatasetWriter.create(dir, true)) {
            writer.write(TestSamples.minimal("new", 1));
        }
        assertEquals(1, Files.readAllLines(dir.resolve(DatasetLayout.MANIFEST)).size());
        assertFalse(Files.exists(dir.resolve("image/s0.png")), "the earlier dataset's PNGs are removed");
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")), "other files are left alone");
    }

    @Test
    void refusesAFileAsFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        DeoccException e = assertThrows(DeoccException.class, () -> DatasetWriter.create(file, true));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
    }

    @Test
    void refusesDuplicateIdsIdsThatAreNotFileNamesAndWritesAfterClose() {
        Path dir = tmp.resolve("set");
        DatasetWriter writer = DatasetWriter.create(dir, false);
        writer.write(TestSamples.minimal("a", 1));
        DeoccException duplicate = assertThrows(DeoccException.class, () -> writer.write(TestSamples.minimal("a", 2)));
        assertTrue(duplicate.getMessage().contains("'a' was already written"), duplicate.getMessage());
        DeoccException badId = assertThrows(DeoccException.class, () -> writer.write(TestSamples.minimal("../evil", 2)));
        assertTrue(badId.getMessage().contains("cannot be used as a file name"), badId.getMessage());
        writer.close();
        writer.close();
        DeoccException closed = assertThrows(DeoccException.class, () -> writer.write(TestSamples.minimal("b", 2)));
        assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
        assertEquals(1, writer.written());
    }

    @Test
    void nullArgumentsAreReportedNotThrownAsNullPointerExceptions() {
        assertThrows(DeoccException.class, () -> DatasetWriter.create(null, false));
        assertThrows(DeoccException.class, () -> DatasetWriter.encode(null, SampleMetadata.none()));
        assertThrows(DeoccException.class, () -> DatasetWriter.encode(TestSamples.minimal("a", 1), null));
    }

    static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return out;
    }
}
