package io.deocc.api.io;

import static io.deocc.api.io.ImageFilesReadTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading masks, label images and RGB images from the PNG flavours tools produce. Each fixture is
 * written with ImageIO and its PNG header is checked, so a test cannot pass on the wrong flavour.
 */
class ImageFilesFormatsTest {
    private static final ResourceLimits LIMITS = ResourceLimits.defaults();
    private static final int GREY = 0;
    private static final int RGB = 2;
    private static final int PALETTE = 3;
    private static final int RGBA = 6;

    @TempDir
    Path dir;

    @Test
    void greyMaskEveryNonZeroValueIsForeground() throws IOException {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        setSamples(image, 0, 1, 128, 255);
        Path file = write(image, "grey8.png", 8, GREY);
        assertMask(file, false, true, true, true);
    }

    @Test
    void oneBitMask() throws IOException {
        BufferedImage image = new BufferedImage(5, 1, BufferedImage.TYPE_BYTE_BINARY);
        setSamples(image, 1, 0, 0, 1, 1);
        Path file = write(image, "bits.png", 1, -1);
        assertMask(file, true, false, false, true, true);
    }

    @Test
    void sixteenBitMaskValueOneIsForeground() throws IOException {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        setSamples(image, 0, 1, 256, 65535);
        Path file = write(image, "grey16.png", 16, GREY);
        // 1 out of 65535 would round to 0 if the reader scaled to 8 bits first: it must not.
        assertMask(file, false, true, true, true);
    }

    @Test
    void paletteMaskTheIndexCountsNotTheColour() throws IOException {
        // Index 0 is white and index 1 black, the reverse of the usual order: the documented rule is
        // that the index, not the colour, decides.
        byte[] r = {(byte) 255, 0, (byte) 255};
        byte[] g = {(byte) 255, 0, 0};
        byte[] b = {(byte) 255, 0, 0};
        IndexColorModel palette = new IndexColorModel(8, 3, r, g, b);
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_INDEXED, palette);
        setSamples(image, 0, 1, 2, 2, 1, 0);
        Path file = write(image, "palette.png", -1, PALETTE);
        assertMask(file, false, true, true, true, true, false);
    }

    @Test
    void rgbMaskAnyNonZeroChannelIsForeground() throws IOException {
        BufferedImage image = new BufferedImage(5, 1, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0x000000, 0x000001, 0x000100, 0x010000, 0xFFFFFF};
        image.setRGB(0, 0, 5, 1, colours, 0, 5);
        Path file = write(image, "rgb.png", 8, RGB);
        assertMask(file, false, true, true, true, true);
    }

    @Test
    void rgbaMaskTransparentIsBackgroundEvenWhenColoured() throws IOException {
        BufferedImage image = new BufferedImage(6, 1, BufferedImage.TYPE_INT_ARGB);
        int[] argb = {
            0x00FF0000, // transparent red: background
            0x00FFFFFF, // transparent white: background
            0xFF000000, // opaque black: background
            0xFFFFFFFF, // opaque white: foreground
            0x01FFFFFF, // almost transparent white: alpha is non-zero, foreground
            0x80008000, // half-transparent green: foreground
        };
        image.setRGB(0, 0, 6, 1, argb, 0, 6);
        Path file = write(image, "rgba.png", 8, RGBA);
        assertMask(file, false, false, false, true, true, true);
    }

    @Test
    void labelsFromGreyPng() throws IOException {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        setSamples(image, 0, 1, 2, 3, 3, 2, 1, 0);
        Path file = write(image, "labels.png", 8, GREY);

        LabelImage labels = ImageFiles.readLabels(file, LIMITS);
        assertEquals(4, labels.width());
        assertEquals(2, labels.height());
        assertEquals(0, labels.label(0, 0));
        assertEquals(3, labels.label(3, 0));
        assertEquals(3, labels.label(0, 1));
        assertEquals(1, labels.label(2, 1));
        assertEquals(3, labels.maxLabel());
        assertEquals(BinaryMask.of(4, 2, new boolean[] {false, false, true, false, false, true, false, false}), labels.maskOf(2));
        assertTrue(labels.maskOf(9).isEmpty());
    }

    @Test
    void labelsFromSixteenBitPngKeepLargeIds() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        setSamples(image, 0, 300, 65535);
        Path file = write(image, "labels16.png", 16, GREY);
        LabelImage labels = ImageFiles.readLabels(file, LIMITS);
        assertEquals(300, labels.label(1, 0));
        assertEquals(65535, labels.maxLabel());
    }

    @Test
    void labelsFromPalettePngAreTheIndices() throws IOException {
        byte[] grey = {0, (byte) 200, 50};
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 3, grey, grey, grey));
        setSamples(image, 2, 1, 0);
        Path file = write(image, "labels-palette.png", -1, PALETTE);
        LabelImage labels = ImageFiles.readLabels(file, LIMITS);
        assertEquals(2, labels.label(0, 0));
        assertEquals(1, labels.label(1, 0));
        assertEquals(0, labels.label(2, 0));
    }

    @Test
    void labelsFromRgbPngAreRefused() throws IOException {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x010101);
        Path file = write(image, "labels-rgb.png", 8, RGB);
        DeoccException e = assertFails(ErrorCode.IMAGE_UNREADABLE, () -> ImageFiles.readLabels(file, LIMITS));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
        assertTrue(e.getMessage().contains("labels-rgb.png"), e.getMessage());
    }

    @Test
    void labelOutsideTheImageIsAnInvalidArgument() throws IOException {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        LabelImage labels = ImageFiles.readLabels(write(image, "l.png", 8, GREY), LIMITS);
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> labels.label(2, 0));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> labels.label(0, -1));
    }

    @Test
    void rgbFromRgbPngIsExact() throws IOException {
        BufferedImage image = ImageFilesReadTest.noise(7, 5);
        Path file = write(image, "photo.png", 8, RGB);
        RgbImage read = ImageFiles.readRgb(file, LIMITS);
        assertEquals(RgbImage.fromBufferedImage(image), read);
    }

    @Test
    void rgbFromRgbaPngDropsAlpha() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80123456);
        image.setRGB(1, 0, 0xFFABCDEF);
        RgbImage read = ImageFiles.readRgb(write(image, "alpha.png", 8, RGBA), LIMITS);
        assertArrayEquals(new int[] {0x123456, 0xABCDEF}, read.toArray());
    }

    @Test
    void rgbFromGreyPngKeepsTheGreyLevels() throws IOException {
        // A grey PNG sample v means the colour (v, v, v); it must not go through a linear-grey conversion.
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        setSamples(image, 0, 128, 255);
        RgbImage read = ImageFiles.readRgb(write(image, "grey.png", 8, GREY), LIMITS);
        assertArrayEquals(new int[] {0x000000, 0x808080, 0xFFFFFF}, read.toArray());
    }

    @Test
    void rgbFromSixteenBitGreyPngScalesToEightBits() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        setSamples(image, 0, 128 * 257, 65535); // 257 maps 8-bit values onto 16 bits exactly
        RgbImage read = ImageFiles.readRgb(write(image, "grey16.png", 16, GREY), LIMITS);
        assertArrayEquals(new int[] {0x000000, 0x808080, 0xFFFFFF}, read.toArray());
    }

    private static void setSamples(BufferedImage image, int... values) {
        WritableRaster raster = image.getRaster();
        for (int i = 0; i < values.length; i++) {
            raster.setSample(i % image.getWidth(), i / image.getWidth(), 0, values[i]);
        }
    }

    /** Writes {@code image} as PNG and checks its IHDR (bit depth, colour type; -1 means any). */
    private Path write(BufferedImage image, String name, int bitDepth, int colourType) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        byte[] bytes = Files.readAllBytes(file);
        // signature (8) + length (4) + "IHDR" (4) + width (4) + height (4), then bit depth and colour type
        if (bitDepth >= 0) {
            assertEquals(bitDepth, bytes[24], "fixture bit depth");
        }
        if (colourType >= 0) {
            assertEquals(colourType, bytes[25], "fixture colour type");
        }
        return file;
    }

    private static void assertMask(Path file, boolean... expected) {
        BinaryMask mask = ImageFiles.readMask(file, LIMITS);
        assertEquals(expected.length, mask.width() * mask.height());
        assertArrayEquals(expected, mask.toArray());
    }
}
