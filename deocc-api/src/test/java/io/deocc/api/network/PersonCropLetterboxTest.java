package io.deocc.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import org.junit.jupiter.api.Test;

class PersonCropLetterboxTest {
    @Test
    void aLandscapeImageIsPaddedAboveAndBelow() {
        PersonCrop box = PersonCrop.letterbox(128, 80, 64);
        // side 128; (80 - 128) / 2 = -24 rows of padding on top, 24 below
        assertEquals(new PersonCrop(128, 80, 0, -24, 128, 64), box);
        assertEquals(new Box(0, 0, 128, 80), box.visibleWindow());
    }

    @Test
    void aPortraitImageIsPaddedLeftAndRightAndOddPadsDifferByOne() {
        PersonCrop box = PersonCrop.letterbox(45, 100, 50);
        // (45 - 100) / 2 = -27.5, floored: 28 columns on the left, 27 on the right
        assertEquals(-28, box.originX());
        assertEquals(0, box.originY());
        assertEquals(100, box.side());
        assertEquals(new Box(0, 0, 45, 100), box.visibleWindow());
    }

    @Test
    void atScaleOneTheImageLandsUnchangedBetweenBlackBands() {
        int[] pixels = new int[6 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 0x010101 * (i + 10);
        }
        RgbImage image = RgbImage.of(6, 4, pixels);
        RgbImage grid = PersonCrop.letterbox(6, 4, 6).cropImage(image);
        for (int v = 0; v < 6; v++) {
            for (int u = 0; u < 6; u++) {
                // rows 0 and 5 are the padding, rows 1..4 the image
                int expected = v == 0 || v == 5 ? 0 : pixels[(v - 1) * 6 + u];
                assertEquals(expected, grid.toArray()[v * 6 + u], "grid pixel (" + u + ", " + v + ")");
            }
        }
    }

    @Test
    void aMaskAtHalfScaleComesBackWhole() {
        // a block on even coordinates survives 2x down and bilinear 2x up exactly
        BinaryMask block = BinaryMask.ofBox(16, 8, new Box(4, 2, 6, 4));
        PersonCrop box = PersonCrop.letterbox(16, 8, 8);
        BinaryMask grid = box.cropMask(block);
        float[] values = new float[64];
        for (int i = 0; i < values.length; i++) {
            values[i] = grid.get(i) ? 1f : 0f;
        }
        assertEquals(block, box.pasteProbabilities(values, 0.5));
    }

    @Test
    void anEmptyImageIsRejected() {
        assertThrows(DeoccException.class, () -> PersonCrop.letterbox(0, 5, 8));
    }
}
