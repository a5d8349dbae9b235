package io.deocc.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that deocc-fuzz found, as plain tests: each must be refused with a DeoccException. */
class ImageFilesFuzzFindingsTest {
    private static final ResourceLimits LIMITS = ResourceLimits.defaults().withMaxImagePixels(4_000_000);

    @TempDir
    Path dir;

    /**
     * A 3x2 BMP whose header says its pixels are an embedded JPEG of 0x6d000000 bytes: the JDK's BMP
     * reader allocates that buffer before reading, so a 77-byte file exhausted the heap.
     */
    @Test
    void bmpDemandingAHugeEmbeddedBufferIsRefusedAsNotPngOrJpeg() throws IOException {
        byte[] bmp = new byte[77];
        bmp[0] = 'B';
        bmp[1] = 'M';
        putLittleEndian(bmp, 10, 54); // pixel data offset
        putLittleEndian(bmp, 14, 40); // BITMAPINFOHEADER
        putLittleEndian(bmp, 18, 3); // width
        putLittleEndian(bmp, 22, 2); // height
        bmp[26] = 1; // planes
        bmp[28] = 24; // bits per pixel
        putLittleEndian(bmp, 30, 4); // compression BI_JPEG
        putLittleEndian(bmp, 34, 0x6d000000); // size of the embedded image
        Path file = Files.write(dir.resolve("bomb.bmp"), bmp);

        DeoccException e = assertThrows(DeoccException.class, () -> ImageFiles.readRgb(file, LIMITS));
        assertEquals(ErrorCode.IMAGE_UNREADABLE, e.errorCode());
        assertTrue(e.getMessage().contains("BMP") && e.getMessage().contains("PNG and JPEG only"), e.getMessage());
    }

    @Test
    void otherFormatsImageIoKnowsAreRefusedButPngAndJpegAreRead() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x804020);
        for (String format : new String[] {"bmp", "gif", "tiff"}) {
            Path file = Files.write(dir.resolve("image." + format), encode(image, format));
            DeoccException e = assertThrows(DeoccException.class, () -> ImageFiles.readMask(file, LIMITS), format);
            assertEquals(ErrorCode.IMAGE_UNREADABLE, e.errorCode(), format);
            assertTrue(e.getMessage().contains("convert"), e.getMessage());
        }
        assertEquals(0x804020, ImageFiles.readRgb(Files.write(dir.resolve("image.png"), encode(image, "png")), LIMITS).rgb(1, 1));
        assertEquals(3, ImageFiles.readRgb(Files.write(dir.resolve("image.jpg"), encode(image, "jpg")), LIMITS).width());
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    private static void putLittleEndian(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
