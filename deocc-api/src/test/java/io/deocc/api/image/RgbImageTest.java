package io.deocc.api.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RgbImageTest {
    private static final int[] PIXELS = {0x010203, 0x040506, 0x070809, 0x0A0B0C, 0x0D0E0F, 0x101112};

    @Test
    void pixelsAreRowMajor() {
        RgbImage image = RgbImage.of(3, 2, PIXELS);
        assertEquals(3, image.width());
        assertEquals(2, image.height());
        assertEquals(0x070809, image.rgb(2, 0));
        assertEquals(0x0A0B0C, image.rgb(0, 1));
    }

    @Test
    void mutatingTheInputArrayDoesNotChangeTheImage() {
        int[] data = PIXELS.clone();
        RgbImage image = RgbImage.of(3, 2, data);
        data[0] = 0xFFFFFF;
        assertEquals(0x010203, image.rgb(0, 0));
    }

    @Test
    void mutatingTheReturnedArrayDoesNotChangeTheImage() {
        RgbImage image = RgbImage.of(3, 2, PIXELS);
        int[] out = image.toArray();
        out[1] = 0;
        assertEquals(0x040506, image.rgb(1, 0));
        assertArrayEquals(PIXELS, image.toArray());
    }

    @Test
    void bitsAboveTwentyFourAreDropped() {
        RgbImage image = RgbImage.of(1, 1, new int[] {0xFF123456});
        assertEquals(0x123456, image.rgb(0, 0));
        assertEquals(RgbImage.filled(1, 1, 0x123456), image);
        assertEquals(0x123456, RgbImage.filled(1, 1, 0xAB123456).rgb(0, 0));
    }

    @Test
    void wrongLengthIsRefused() {
        DeoccException e = assertThrows(DeoccException.class, () -> RgbImage.of(2, 2, new int[3]));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2x2"), e.getMessage());
    }

    @Test
    void emptySizeIsRefused() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> RgbImage.filled(0, 4, 0)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> RgbImage.of(-1, 1, new int[0])).errorCode());
    }

    @Test
    void sizeBeyondAnArrayIsTooLargeAndNotAllocated() {
        DeoccException e = assertThrows(DeoccException.class, () -> RgbImage.filled(100_000, 100_000, 0));
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.errorCode());
    }

    @Test
    void pixelOutsideIsAnInvalidArgument() {
        RgbImage image = RgbImage.filled(3, 2, 0);
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> image.rgb(3, 0)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> image.rgb(0, 2)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> image.rgb(-1, 0)).errorCode());
    }

    @Test
    void cropCopiesTheBox() {
        RgbImage image = RgbImage.of(3, 2, PIXELS);
        RgbImage crop = image.crop(new Box(1, 0, 2, 2));
        assertArrayEquals(new int[] {0x040506, 0x070809, 0x0D0E0F, 0x101112}, crop.toArray());
        assertEquals(image, image.crop(new Box(0, 0, 3, 2)));
    }

    @Test
    void cropOutsideIsRefused() {
        RgbImage image = RgbImage.filled(3, 2, 0);
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> image.crop(new Box(2, 0, 2, 1))).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> image.crop(null)).errorCode());
    }

    @Test
    void bufferedImageRoundTrip() {
        RgbImage image = RgbImage.of(3, 2, PIXELS);
        BufferedImage buffered = image.toBufferedImage();
        assertEquals(3, buffered.getWidth());
        assertEquals(0x101112, buffered.getRGB(2, 1) & 0xFFFFFF);
        assertEquals(image, RgbImage.fromBufferedImage(buffered));
    }

    @Test
    void changingTheBufferedImageDoesNotChangeTheImage() {
        RgbImage image = RgbImage.of(3, 2, PIXELS);
        image.toBufferedImage().setRGB(0, 0, 0xFFFFFF);
        assertEquals(0x010203, image.rgb(0, 0));

        BufferedImage source = image.toBufferedImage();
        RgbImage copy = RgbImage.fromBufferedImage(source);
        source.setRGB(0, 0, 0xFFFFFF);
        assertEquals(0x010203, copy.rgb(0, 0));
    }

    @Test
    void fromBufferedImageDropsAlpha() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00ABCDEF);
        argb.setRGB(1, 0, 0x80123456);
        assertArrayEquals(new int[] {0xABCDEF, 0x123456}, RgbImage.fromBufferedImage(argb).toArray());
    }

    @Test
    void fromGreyBufferedImageKeepsTheSampleValues() {
        // Java's grey colour space is linear, so getRGB would turn 128 into a lighter grey.
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 0);
        grey.getRaster().setSample(1, 0, 0, 128);
        grey.getRaster().setSample(2, 0, 0, 255);
        assertArrayEquals(new int[] {0x000000, 0x808080, 0xFFFFFF}, RgbImage.fromBufferedImage(grey).toArray());
    }

    @Test
    void equalityIsByValue() {
        assertEquals(RgbImage.of(3, 2, PIXELS), RgbImage.of(3, 2, PIXELS));
        assertEquals(RgbImage.of(3, 2, PIXELS).hashCode(), RgbImage.of(3, 2, PIXELS).hashCode());
        assertNotEquals(RgbImage.of(3, 2, PIXELS), RgbImage.of(2, 3, PIXELS), "same pixels, different shape");
        assertNotEquals(RgbImage.filled(1, 1, 1), RgbImage.filled(1, 1, 2));
    }
}
