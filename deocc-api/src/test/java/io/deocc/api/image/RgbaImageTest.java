package io.deocc.api.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RgbaImageTest {
    private static final int[] PIXELS = {0xFF010203, 0x00040506, 0x80070809, 0x7F0A0B0C};

    @Test
    void pixelsAreRowMajorWithStraightAlpha() {
        RgbaImage image = RgbaImage.of(2, 2, PIXELS);
        assertEquals(0x00040506, image.argb(1, 0), "transparent pixels keep their colour");
        assertEquals(0x80070809, image.argb(0, 1));
    }

    @Test
    void mutatingTheInputOrOutputArrayDoesNotChangeTheImage() {
        int[] data = PIXELS.clone();
        RgbaImage image = RgbaImage.of(2, 2, data);
        data[0] = 0;
        image.toArray()[1] = 0;
        assertArrayEquals(PIXELS, image.toArray());
    }

    @Test
    void withAlphaIsOpaqueInsideTheMaskAndTransparentBlackOutside() {
        RgbImage colours = RgbImage.of(2, 2, new int[] {0x112233, 0x445566, 0x778899, 0xAABBCC});
        BinaryMask mask = BinaryMask.of(2, 2, new boolean[] {true, false, false, true});
        RgbaImage layer = RgbaImage.withAlpha(colours, mask);
        assertArrayEquals(new int[] {0xFF112233, 0, 0, 0xFFAABBCC}, layer.toArray());
    }

    @Test
    void withAlphaRefusesAMaskOfAnotherSize() {
        DeoccException e = assertThrows(DeoccException.class,
                () -> RgbaImage.withAlpha(RgbImage.filled(2, 2, 0), BinaryMask.empty(3, 2)));
        assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
    }

    @Test
    void wrongLengthAndBadPixelsAreRefused() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> RgbaImage.of(2, 2, new int[5])).errorCode());
        RgbaImage image = RgbaImage.of(2, 2, PIXELS);
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> image.argb(2, 0)).errorCode());
    }

    @Test
    void bufferedImageKeepsEveryChannel() {
        RgbaImage image = RgbaImage.of(2, 2, PIXELS);
        BufferedImage buffered = image.toBufferedImage();
        assertTrue(buffered.getColorModel().hasAlpha());
        assertFalse(buffered.isAlphaPremultiplied());
        assertArrayEquals(PIXELS, buffered.getRGB(0, 0, 2, 2, null, 0, 2));
        buffered.setRGB(0, 0, 0);
        assertEquals(0xFF010203, image.argb(0, 0), "the buffered image is a copy");
    }

    @Test
    void equalityIsByValue() {
        assertEquals(RgbaImage.of(2, 2, PIXELS), RgbaImage.of(2, 2, PIXELS.clone()));
        assertEquals(RgbaImage.of(2, 2, PIXELS).hashCode(), RgbaImage.of(2, 2, PIXELS.clone()).hashCode());
        assertNotEquals(RgbaImage.of(2, 2, PIXELS), RgbaImage.of(4, 1, PIXELS));
    }
}
