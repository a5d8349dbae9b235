package io.deocc.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The "bad input" cases for reading: every one must end in a DeoccException with the right code. */
class ImageFilesReadTest {
    private static final ResourceLimits DEFAULTS = ResourceLimits.defaults();

    @TempDir
    Path dir;

    @Test
    void missingFileIsFileNotFound() {
        Path missing = dir.resolve("nope.png");
        DeoccException e = assertFails(ErrorCode.FILE_NOT_FOUND, () -> ImageFiles.readRgb(missing, DEFAULTS));
        assertTrue(e.getMessage().contains("nope.png"), e.getMessage());
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> ImageFiles.readMask(missing, DEFAULTS));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> ImageFiles.readLabels(missing, DEFAULTS));
    }

    @Test
    void folderIsFileNotFound() {
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> ImageFiles.readRgb(dir, DEFAULTS));
    }

    @Test
    void handMadePngDecodes() throws IOException {
        // Checks the fixture builder itself: the other hand-made files differ from this one only in their header.
        Path file = PngBytes.withHeader(3, 2, 8, PngBytes.GREY)
                .imageData(new byte[] {0, 0, 7, (byte) 255, 0, 1, 0, 0})
                .end()
                .writeTo(dir.resolve("small.png"));

        LabelImage labels = ImageFiles.readLabels(file, DEFAULTS);
        assertEquals(3, labels.width());
        assertEquals(2, labels.height());
        assertEquals(7, labels.label(1, 0));
        assertEquals(255, labels.label(2, 0));
        assertEquals(1, labels.label(0, 1));
        assertEquals(BinaryMask.of(3, 2, new boolean[] {false, true, true, true, false, false}), ImageFiles.readMask(file, DEFAULTS));
    }

    @Test
    void truncatedPngIsUnreadable() throws IOException {
        byte[] png = encode(noise(64, 64), "png");
        Path file = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        DeoccException e = assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readRgb(file, DEFAULTS));
        assertTrue(e.getMessage().contains("cut.png"), e.getMessage());
    }

    @Test
    void truncatedJpegIsUnreadableInsteadOfGreyFilled() throws IOException {
        byte[] jpeg = encode(noise(64, 64), "jpeg");
        Path file = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        // Premise: plain ImageIO "succeeds" on this file, filling the missing half with grey. This is
        // exactly the silent damage the reader's warning listener exists to catch.
        BufferedImage silentlyFilled = ImageIO.read(file.toFile());
        assertNotNull(silentlyFilled, "ImageIO decoded nothing; the fixture no longer tests the warning path");

        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readRgb(file, DEFAULTS));
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readMask(file, DEFAULTS));
    }

    @Test
    void wholeJpegStillDecodes() throws IOException {
        // The counterpart of the truncation test: the warning listener must not reject good JPEGs.
        Path file = Files.write(dir.resolve("whole.jpg"), encode(noise(64, 64), "jpeg"));
        RgbImage image = ImageFiles.readRgb(file, DEFAULTS);
        assertEquals(64, image.width());
        assertEquals(64, image.height());
    }

    @Test
    void garbageBytesAreUnreadable() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'x'; // make sure no format's magic number starts the file by chance
        Path file = Files.write(dir.resolve("garbage.png"), garbage);
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readRgb(file, DEFAULTS));
    }

    @Test
    void garbageAfterPngSignatureIsUnreadable() throws IOException {
        // A reader is found for the signature, then fails on the body.
        byte[] bytes = new byte[512];
        new Random(11).nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        Path file = Files.write(dir.resolve("body.png"), bytes);
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readMask(file, DEFAULTS));
    }

    @Test
    void emptyFileIsUnreadable() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readRgb(file, DEFAULTS));
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readLabels(file, DEFAULTS));
    }

    @Test
    void hugeHeaderIsRefusedBeforeDecoding() throws IOException {
        // 100000 x 100000 = 10^10 pixels (10 GB as 8-bit grey) but only one row of data. Decoding would
        // run out of memory or hit the missing rows; IMAGE_TOO_LARGE proves the header check came first.
        Path file = PngBytes.withHeader(100_000, 100_000, 8, PngBytes.GREY)
                .imageData(new byte[100_001])
                .end()
                .writeTo(dir.resolve("bomb.png"));

        DeoccException e = assertFails(ErrorCode.IMAGE_TOO_LARGE, () -> ImageFiles.readRgb(file, DEFAULTS));
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(ResourceLimits.DEFAULT_MAX_IMAGE_PIXELS)), e.getMessage());
        assertFails(ErrorCode.IMAGE_TOO_LARGE, () -> ImageFiles.readMask(file, DEFAULTS));
        assertFails(ErrorCode.IMAGE_TOO_LARGE, () -> ImageFiles.readLabels(file, DEFAULTS));
    }

    @Test
    void configuredLimitIsCheckedFromTheHeader() throws IOException {
        // 1000 x 1000 header, one row of data: the file cannot be decoded at all.
        Path file = PngBytes.withHeader(1000, 1000, 8, PngBytes.GREY)
                .imageData(new byte[1001])
                .end()
                .writeTo(dir.resolve("short.png"));

        assertFails(ErrorCode.IMAGE_TOO_LARGE, () -> ImageFiles.readRgb(file, DEFAULTS.withMaxImagePixels(999_999)));
        // With the limit met, the same file fails in decoding: so the answer above never decoded it.
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readRgb(file, DEFAULTS.withMaxImagePixels(1_000_000)));
    }

    @Test
    void limitIsInclusive() throws IOException {
        Path file = dir.resolve("four-by-three.png");
        ImageIO.write(noise(4, 3), "png", file.toFile());
        assertEquals(4, ImageFiles.readRgb(file, DEFAULTS.withMaxImagePixels(12)).width());
        assertFails(ErrorCode.IMAGE_TOO_LARGE, () -> ImageFiles.readRgb(file, DEFAULTS.withMaxImagePixels(11)));
    }

    @Test
    void zeroWidthHeaderIsADeoccException() throws IOException {
        Path file = PngBytes.withHeader(0, 0, 8, PngBytes.GREY).imageData(new byte[0]).end().writeTo(dir.resolve("zero.png"));
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readRgb(file, DEFAULTS));

        Path zeroHeight = PngBytes.withHeader(5, 0, 8, PngBytes.RGB).imageData(new byte[0]).end().writeTo(dir.resolve("flat.png"));
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readMask(zeroHeight, DEFAULTS));
    }

    @Test
    void headerOnlyPngIsUnreadable() throws IOException {
        Path file = PngBytes.withHeader(8, 8, 8, PngBytes.RGB).end().writeTo(dir.resolve("no-data.png"));
        assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readRgb(file, DEFAULTS));
    }

    @Test
    void nullArgumentsAreInvalidArguments() {
        Path file = dir.resolve("x.png");
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.readRgb(null, DEFAULTS));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.readRgb(file, null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.readMask(null, DEFAULTS));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.readLabels(file, null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ImageFiles.decode(null, DEFAULTS));
    }

    static BufferedImage noise(int width, int height) {
        Random random = new Random(42);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    static DeoccException assertFails(ErrorCode expected, Executable call) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(expected, e.errorCode(), e.getMessage());
        return e;
    }
}
