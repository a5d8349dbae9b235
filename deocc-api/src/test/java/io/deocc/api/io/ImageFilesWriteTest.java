package io.deocc.api.io;

import static io.deocc.api.io.ImageFilesReadTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG writing round trips and the atomic-write guarantees of {@link AtomicFiles}. */
class ImageFilesWriteTest {
    private static final ResourceLimits LIMITS = ResourceLimits.defaults();

    @TempDir
    Path dir;

    @Test
    void rgbImageRoundTrip() {
        RgbImage image = RgbImage.fromBufferedImage(ImageFilesReadTest.noise(9, 4));
        Path file = dir.resolve("rgb.png");
        ImageFiles.writePng(image, file);
        assertEquals(image, ImageFiles.readRgb(file, LIMITS));
        assertEquals(List.of("rgb.png"), names(dir));
    }

    @Test
    void rgbaImageRoundTripKeepsAlphaAndColourOfTransparentPixels() throws IOException {
        int[] argb = {0xFF102030, 0x00405060, 0x80FFFFFF, 0x00000000, 0x7F000000, 0xFFFFFFFF};
        RgbaImage image = RgbaImage.of(3, 2, argb);
        Path file = dir.resolve("layer.png");
        ImageFiles.writePng(image, file);

        BufferedImage read = ImageIO.read(file.toFile());
        assertTrue(read.getColorModel().hasAlpha());
        assertArrayEquals(argb, read.getRGB(0, 0, 3, 2, null, 0, 3));
    }

    @Test
    void binaryMaskRoundTripAsEightBitGrey() throws IOException {
        BinaryMask mask = BinaryMask.ofBox(6, 5, new Box(1, 2, 3, 2));
        Path file = dir.resolve("mask.png");
        ImageFiles.writePng(mask, file);

        assertEquals(mask, ImageFiles.readMask(file, LIMITS));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(1, read.getRaster().getNumBands());
        assertEquals(8, read.getColorModel().getComponentSize(0));
        assertEquals(255, read.getRaster().getSample(1, 2, 0));
        assertEquals(0, read.getRaster().getSample(0, 0, 0));
    }

    @Test
    void missingParentFoldersAreCreated() {
        Path file = dir.resolve("a/b/c/mask.png");
        ImageFiles.writePng(BinaryMask.empty(2, 2), file);
        assertTrue(Files.isRegularFile(file));
        assertEquals(List.of("mask.png"), names(file.getParent()));
    }

    @Test
    void overwritingReplacesTheFileAndLeavesNoTemporaryFiles() {
        Path file = dir.resolve("out.png");
        ImageFiles.writePng(RgbImage.filled(3, 3, 0xFF0000), file);
        ImageFiles.writePng(RgbImage.filled(4, 2, 0x00FF00), file);
        assertEquals(RgbImage.filled(4, 2, 0x00FF00), ImageFiles.readRgb(file, LIMITS));
        assertEquals(List.of("out.png"), names(dir));
    }

    @Test
    void parentThatIsARegularFileGivesIoFailureAndLeavesNothing() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "not a folder");
        Path file = blocker.resolve("mask.png");

        DeoccException e = assertFails(ErrorCode.IO_FAILURE, () -> ImageFiles.writePng(BinaryMask.empty(2, 2), file));
        assertTrue(e.getMessage().contains("mask.png"), e.getMessage());
        assertEquals(List.of("blocker"), names(dir));
        assertEquals("not a folder", Files.readString(blocker));
    }

    @Test
    void targetThatIsAFolderGivesIoFailureAndLeavesNoTemporaryFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("taken.png"));
        Files.writeString(folder.resolve("keep.txt"), "keep");

        assertFails(ErrorCode.IO_FAILURE, () -> ImageFiles.writePng(RgbImage.filled(1, 1, 0), folder));
        assertEquals(List.of("taken.png"), names(dir));
        assertEquals(List.of("keep.txt"), names(folder));
    }

    @Test
    void failingWriterKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), "old");

        DeoccException e = assertFails(ErrorCode.IO_FAILURE, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("config.json"), names(dir));
    }

    @Test
    void writerThrowingUncheckedLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("new.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void writtenFilesGetThePermissionsOfAnyNewFile() throws IOException {
        // a temporary file from Files.createTempFile is owner-only (rw-------); outputs must not be
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
        AtomicFiles.writeString(atomic, "replaced");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }

    @Test
    void writeStringIsUtf8() throws IOException {
        Path file = dir.resolve("text.txt");
        AtomicFiles.writeString(file, "größe ✓");
        assertEquals("größe ✓", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void pathWithoutAFileNameIsRefused() {
        // The file system root has neither a parent folder nor a file name: nothing can be written there.
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> AtomicFiles.writeString(dir.getRoot(), "x"));
    }

    @Test
    void nullArgumentsAreInvalidArguments() {
        Path file = dir.resolve("x.png");
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.writePng((RgbImage) null, file));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.writePng((RgbaImage) null, file));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.writePng((BinaryMask) null, file));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.writePng((BufferedImage) null, file));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.writePng(RgbImage.filled(1, 1, 0), null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> AtomicFiles.write(file, null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> AtomicFiles.writeString(file, null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> AtomicFiles.writeString(null, "x"));
        assertEquals(List.of(), names(dir));
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
