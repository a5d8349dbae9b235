package io.deocc.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonCropTest {
    @Test
    void windowIsASquareOfContextTimesTheLongerSideCentredOnTheBox() {
        PersonCrop crop = PersonCrop.around(new Box(40, 20, 30, 50), 200, 100, 64);
        // 1.6 * 50 = 80; box centre (55, 45); 55 - 40 = 15, 45 - 40 = 5
        assertEquals(80, crop.side());
        assertEquals(15, crop.originX());
        assertEquals(5, crop.originY());
        assertEquals(64, crop.size());
        assertEquals(0.8, crop.scale(), 1e-12);
    }

    @Test
    void windowMayReachPastTheImageAtItsBorders() {
        PersonCrop corner = PersonCrop.around(new Box(0, 0, 10, 20), 100, 100, 32);
        assertEquals(32, corner.side());
        assertTrue(corner.originX() < 0 && corner.originY() < 0, corner.toString());
        assertEquals(new Box(0, 0, corner.originX() + 32, corner.originY() + 32), corner.visibleWindow());

        PersonCrop farCorner = PersonCrop.around(new Box(90, 80, 10, 20), 100, 100, 32);
        assertTrue(farCorner.originX() + farCorner.side() > 100 && farCorner.originY() + farCorner.side() > 100, farCorner.toString());
        assertEquals(100, farCorner.visibleWindow().maxX());
        assertEquals(100, farCorner.visibleWindow().maxY());
    }

    @Test
    void cropAtTheImageScaleCopiesPixelsAndIsBlackOutsideTheImage() {
        int[] pixels = new int[20 * 10];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 7919) & 0xFFFFFF;
        }
        RgbImage image = RgbImage.of(20, 10, pixels);
        // A window 12 px wide at (-4, -2) on a 12x12 grid: one grid pixel per image pixel.
        PersonCrop crop = new PersonCrop(20, 10, -4, -2, 12, 12);
        RgbImage cropped = crop.cropImage(image);
        for (int v = 0; v < 12; v++) {
            for (int u = 0; u < 12; u++) {
                int x = u - 4;
                int y = v - 2;
                int expected = x >= 0 && y >= 0 && x < 20 && y < 10 ? image.rgb(x, y) : 0;
                assertEquals(expected, cropped.rgb(u, v), "grid pixel " + u + "," + v);
            }
        }
    }

    @Test
    void bilinearEnlargementOfAUniformImageStaysUniformInsideTheImage() {
        RgbImage grey = RgbImage.filled(30, 30, 0x808080);
        PersonCrop crop = new PersonCrop(30, 30, 5, 5, 10, 40);
        RgbImage cropped = crop.cropImage(grey);
        for (int v = 0; v < 40; v++) {
            for (int u = 0; u < 40; u++) {
                assertEquals(0x808080, cropped.rgb(u, v));
            }
        }
    }

    @Test
    void maskCropIsUnsetOutsideTheImage() {
        BinaryMask full = BinaryMask.fromIndex(10, 10, i -> true);
        PersonCrop crop = new PersonCrop(10, 10, -10, 0, 20, 20);
        BinaryMask cropped = crop.cropMask(full);
        for (int v = 0; v < 20; v++) {
            for (int u = 0; u < 20; u++) {
                assertEquals(u >= 10 && v < 10, cropped.get(u, v), "grid pixel " + u + "," + v);
            }
        }
    }

    /** A disc and a bar, with a box at the given place: something with curved and straight edges. */
    private static BinaryMask person(int width, int height, int x0, int y0) {
        return BinaryMask.fromIndex(width, height, i -> {
            int x = i % width - x0;
            int y = i / width - y0;
            boolean head = (x - 12) * (x - 12) + (y - 8) * (y - 8) <= 36;
            boolean body = x >= 6 && x < 19 && y >= 14 && y < 50;
            return head || body;
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {96, 128, 200})
    void enlargingRoundTripPreservesTheMaskUpToOnePixelAtItsBoundary(int size) {
        for (int[] at : new int[][] {{40, 20}, {0, 0}, {77, 46}}) {
            BinaryMask mask = person(96, 96, at[0], at[1]);
            Box box = mask.boundingBox().orElseThrow();
            PersonCrop crop = PersonCrop.around(box, 96, 96, size);
            BinaryMask back = crop.pasteMask(crop.cropMask(mask));
            assertDifferencesNearBoundary(mask, back, 1, "size " + size + " at " + at[0] + "," + at[1]);
        }
    }

    @Test
    void shrinkingRoundTripLosesOnlyDetailNearTheBoundary() {
        BinaryMask mask = person(200, 200, 60, 70);
        // Scale the mask up 3x so that the 32-grid loses detail: the window is ceil(1.6 * 144) = 231 px.
        BinaryMask big = BinaryMask.fromIndex(600, 600, i -> mask.get((i / 600) / 3 * 200 + (i % 600) / 3));
        Box box = big.boundingBox().orElseThrow();
        PersonCrop crop = PersonCrop.around(box, 600, 600, 32);
        BinaryMask back = crop.pasteMask(crop.cropMask(big));
        // One grid pixel spans side/size image pixels.
        int tolerance = (int) Math.ceil(crop.side() / (double) crop.size());
        assertDifferencesNearBoundary(big, back, tolerance, "shrinking to 32");
        assertTrue(back.iou(big) > 0.8, "IoU after the round trip: " + back.iou(big));
    }

    /** Every pixel where the masks differ lies within {@code distance} pixels of {@code expected}'s boundary. */
    private static void assertDifferencesNearBoundary(BinaryMask expected, BinaryMask actual, int distance, String what) {
        int w = expected.width();
        int h = expected.height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (expected.get(x, y) != actual.get(x, y)) {
                    boolean nearBoundary = false;
                    for (int dy = -distance; dy <= distance && !nearBoundary; dy++) {
                        for (int dx = -distance; dx <= distance; dx++) {
                            int nx = x + dx;
                            int ny = y + dy;
                            if (nx >= 0 && ny >= 0 && nx < w && ny < h && expected.get(nx, ny) != expected.get(x, y)) {
                                nearBoundary = true;
                                break;
                            }
                        }
                    }
                    assertTrue(nearBoundary, what + ": pixel (" + x + ", " + y + ") changed but lies farther than " + distance
                            + " px from the boundary");
                }
            }
        }
    }

    @Test
    void pasteLeavesEverythingOutsideTheWindowUnset() {
        PersonCrop crop = new PersonCrop(50, 40, 10, 5, 20, 16);
        BinaryMask all = BinaryMask.fromIndex(16, 16, i -> true);
        BinaryMask pasted = crop.pasteMask(all);
        assertEquals(BinaryMask.ofBox(50, 40, new Box(10, 5, 20, 20)), pasted);
    }

    @Test
    void pastedProbabilitiesKeepAConstantAndAreZeroOutsideTheWindow() {
        PersonCrop crop = new PersonCrop(30, 30, -6, 12, 24, 8);
        float[] grid = new float[64];
        java.util.Arrays.fill(grid, 0.75f);
        float[] pasted = crop.pasteProbabilities(grid);
        assertEquals(30 * 30, pasted.length);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                boolean inside = x < 18 && y >= 12;
                assertEquals(inside ? 0.75f : 0f, pasted[y * 30 + x], 1e-6f, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void pastedProbabilitiesFollowALinearRampBetweenGridCentres() {
        // 4x4 grid over an 8x8 window at the origin: grid centre u sits at image x = 2u + 0.5.
        PersonCrop crop = new PersonCrop(8, 8, 0, 0, 8, 4);
        float[] ramp = new float[16];
        for (int i = 0; i < 16; i++) {
            ramp[i] = (i % 4) / 3f;
        }
        float[] pasted = crop.pasteProbabilities(ramp);
        // Image x = 2 maps to grid coordinate (2 + 0.5) / 2 - 0.5 = 0.75, where the ramp is 0.75 / 3.
        assertEquals(0.25f, pasted[2], 1e-6f);
        assertEquals(0f, pasted[0], 1e-6f);
        assertEquals(1f, pasted[7], 1e-6f);
        for (int x = 1; x < 8; x++) {
            assertTrue(pasted[x] >= pasted[x - 1], "the ramp must not decrease at x=" + x);
        }
    }

    @Test
    void thresholdedProbabilitiesOfABinaryGridAtTheImageScaleGiveTheMaskBack() {
        PersonCrop crop = new PersonCrop(64, 64, 0, 0, 64, 64);
        BinaryMask mask = person(64, 64, 20, 5);
        BinaryMask grid = crop.cropMask(mask);
        float[] values = new float[64 * 64];
        for (int i = 0; i < values.length; i++) {
            values[i] = grid.get(i) ? 1f : 0f;
        }
        assertEquals(mask, crop.pasteProbabilities(values, 0.5));
    }

    @Test
    void inputsOfTheWrongSizeAreRejected() {
        PersonCrop crop = PersonCrop.around(new Box(10, 10, 20, 20), 100, 80, 32);
        DeoccException image = assertThrows(DeoccException.class, () -> crop.cropImage(RgbImage.filled(80, 100, 0)));
        assertEquals(ErrorCode.SIZE_MISMATCH, image.errorCode());
        assertTrue(image.getMessage().contains("80x100"), image.getMessage());
        assertEquals(ErrorCode.SIZE_MISMATCH, assertThrows(DeoccException.class, () -> crop.cropMask(BinaryMask.empty(100, 81))).errorCode());
        assertEquals(ErrorCode.SIZE_MISMATCH, assertThrows(DeoccException.class, () -> crop.pasteMask(BinaryMask.empty(31, 32))).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> crop.pasteProbabilities(new float[10])).errorCode());
        float[] nan = new float[32 * 32];
        nan[5] = Float.NaN;
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> crop.pasteProbabilities(nan)).errorCode());
    }

    @Test
    void nullArgumentsAreRejectedWithDeoccException() {
        PersonCrop crop = PersonCrop.around(new Box(10, 10, 20, 20), 100, 80, 32);
        assertThrows(DeoccException.class, () -> crop.cropImage(null));
        assertThrows(DeoccException.class, () -> crop.cropMask(null));
        assertThrows(DeoccException.class, () -> crop.pasteMask(null));
        assertThrows(DeoccException.class, () -> crop.pasteProbabilities(null));
        assertThrows(DeoccException.class, () -> PersonCrop.around(null, 100, 80, 32));
    }

    @Test
    void invalidWindowsAreRejected() {
        Box box = new Box(10, 10, 20, 20);
        assertInvalid(() -> PersonCrop.around(box, 100, 80, 0), "size 0");
        assertInvalid(() -> PersonCrop.around(box, 100, 80, PersonCrop.MAX_SIZE + 1), "size above the maximum");
        assertInvalid(() -> PersonCrop.around(box, 100, 80, 32, 0.9), "context below 1");
        assertInvalid(() -> PersonCrop.around(box, 100, 80, 32, Double.NaN), "context NaN");
        assertInvalid(() -> PersonCrop.around(new Box(90, 10, 20, 20), 100, 80, 32), "box past the image");
        assertInvalid(() -> new PersonCrop(100, 80, 100, 0, 10, 32), "window right of the image");
        assertInvalid(() -> new PersonCrop(100, 80, -10, 0, 10, 32), "window left of the image");
        assertInvalid(() -> new PersonCrop(0, 80, 0, 0, 10, 32), "empty image");
        assertInvalid(() -> new PersonCrop(100, 80, 0, 0, 0, 32), "empty window");
    }

    @Test
    void labelsCropAndPasteLikeTheirPerClassMasks() {
        int width = 37;
        int height = 29;
        byte[] labels = new byte[width * height];
        for (int i = 0; i < labels.length; i++) {
            // stripes of every class, so that each class meets the window's border somewhere
            labels[i] = (byte) (((i % width) / 3 + (i / width) / 5) % LipClass.COUNT);
        }
        ParsingMap parsing = ParsingMap.of(width, height, labels);
        PersonCrop crop = PersonCrop.around(new Box(20, 8, 15, 18), width, height, 23, 1.7);
        ParsingMap cropped = crop.cropLabels(parsing);
        ParsingMap pasted = crop.pasteLabels(cropped);
        for (LipClass part : LipClass.values()) {
            if (part.ordinal() == 0) {
                continue;
            }
            assertEquals(crop.cropMask(parsing.maskOf(part)), cropped.maskOf(part), "crop of " + part);
            assertEquals(crop.pasteMask(cropped.maskOf(part)), pasted.maskOf(part), "paste of " + part);
        }
        assertThrows(DeoccException.class, () -> crop.cropLabels(null));
        assertThrows(DeoccException.class, () -> crop.pasteLabels(ParsingMap.of(5, 5, new byte[25])));
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable call, String what) {
        DeoccException e = assertThrows(DeoccException.class, call, what);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode(), what);
        assertFalse(e.getMessage().isBlank(), what);
    }
}
