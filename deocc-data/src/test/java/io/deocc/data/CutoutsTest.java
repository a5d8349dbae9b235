package io.deocc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutoutsTest {
    private static final ResourceLimits LIMITS = ResourceLimits.defaults();
    private static final int MAGENTA = 0xFFFF00FF;

    @TempDir
    Path dir;

    /** A transparent canvas with an opaque rectangle of {@code argb} at {@code box}. */
    private static BufferedImage rgbaWithRect(int width, int height, Box box, int argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = box.y(); y < box.maxY(); y++) {
            for (int x = box.x(); x < box.maxX(); x++) {
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }

    @Test
    void readsPngsInNameOrderCroppedToTheirOpaquePixels() throws IOException {
        TestSamples.write(rgbaWithRect(20, 16, new Box(3, 5, 6, 4), MAGENTA), dir.resolve("b.png"));
        BufferedImage half = rgbaWithRect(10, 10, new Box(0, 0, 10, 10), 0x80112233);
        TestSamples.write(half, dir.resolve("a.png"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        TestSamples.write(rgbaWithRect(8, 8, new Box(0, 0, 8, 8), MAGENTA), dir.resolve("sub").resolve("c.png"));

        List<RgbaImage> cutouts = Cutouts.readFolder(dir, LIMITS, 10);

        assertEquals(2, cutouts.size(), "sub-folders and non-PNG files are ignored");
        RgbaImage first = cutouts.get(0);
        assertEquals(10, first.width());
        assertEquals(0x80112233, first.argb(4, 4), "a.png comes first and keeps its partial alpha");
        RgbaImage second = cutouts.get(1);
        assertEquals(6, second.width());
        assertEquals(4, second.height());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(MAGENTA, second.argb(x, y), "pixel " + x + "," + y + " of the cropped rectangle");
            }
        }
    }

    @Test
    void readsAtMostMax() {
        for (int i = 0; i < 3; i++) {
            TestSamples.write(rgbaWithRect(8, 8, new Box(0, 0, 8, 8), MAGENTA - i), dir.resolve("c" + i + ".png"));
        }
        List<RgbaImage> cutouts = Cutouts.readFolder(dir, LIMITS, 2);
        assertEquals(2, cutouts.size());
        assertEquals(MAGENTA - 1, cutouts.get(1).argb(0, 0), "the first two by name");
    }

    @Test
    void refusesImagesWithoutAlphaNamingTheFile() {
        BufferedImage rgb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        TestSamples.write(rgb, dir.resolve("flat.png"));
        DeoccException e = assertThrows(DeoccException.class, () -> Cutouts.readFolder(dir, LIMITS, 5));
        assertTrue(e.getMessage().contains("flat.png") && e.getMessage().contains("need transparency"), e.getMessage());
    }

    @Test
    void refusesFullyTransparentAndTooSmallCutouts() {
        TestSamples.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB), dir.resolve("empty.png"));
        DeoccException empty = assertThrows(DeoccException.class, () -> Cutouts.readFolder(dir, LIMITS, 5));
        assertEquals(ErrorCode.EMPTY_MASK, empty.errorCode());
        assertTrue(empty.getMessage().contains("empty.png") && empty.getMessage().contains("fully transparent"), empty.getMessage());

        Path small = dir.resolve("small");
        TestSamples.write(rgbaWithRect(20, 20, new Box(5, 5, 3, 9), MAGENTA), small.resolve("dot.png"));
        DeoccException tiny = assertThrows(DeoccException.class, () -> Cutouts.readFolder(small, LIMITS, 5));
        assertTrue(tiny.getMessage().contains("dot.png") && tiny.getMessage().contains("3x9"), tiny.getMessage());
    }

    @Test
    void corruptFileFailsTheCallNamingIt() throws IOException {
        TestSamples.write(rgbaWithRect(8, 8, new Box(0, 0, 8, 8), MAGENTA), dir.resolve("a.png"));
        Files.write(dir.resolve("b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        DeoccException e = assertThrows(DeoccException.class, () -> Cutouts.readFolder(dir, LIMITS, 5));
        assertEquals(ErrorCode.IMAGE_UNREADABLE, e.errorCode());
        assertTrue(e.getMessage().contains("b.png"), e.getMessage());
    }

    @Test
    void missingOrEmptyFolderSaysWhatIsExpected() throws IOException {
        DeoccException missing = assertThrows(DeoccException.class, () -> Cutouts.readFolder(dir.resolve("nope"), LIMITS, 5));
        assertEquals(ErrorCode.FILE_NOT_FOUND, missing.errorCode());
        Files.writeString(dir.resolve("readme.txt"), "x");
        DeoccException none = assertThrows(DeoccException.class, () -> Cutouts.readFolder(dir, LIMITS, 5));
        assertTrue(none.getMessage().contains("no .png") && none.getMessage().contains("RGBA PNG cut-outs"), none.getMessage());
        assertThrows(DeoccException.class, () -> Cutouts.readFolder(dir, LIMITS, 0));
        assertThrows(DeoccException.class, () -> Cutouts.readFolder(null, LIMITS, 5));
        assertThrows(DeoccException.class, () -> Cutouts.readFolder(dir, null, 5));
    }

    @Test
    void cutsVisiblePeopleOutOfADatasetAndIgnoresSkippedItems() {
        List<Sample> samples = TestSamples.writeDataset(dir, 3);
        TestSamples.appendLines(dir, TestSamples.line("broken", "image/missing.png", "visible/missing.png", "amodal/missing.png"));
        List<RgbaImage> cutouts;
        try (SampleSource source = Datasets.open(dir, LIMITS)) {
            cutouts = Cutouts.fromDataset(source, 10);
        }
        assertEquals(3, cutouts.size(), "the broken item is skipped");
        for (int i = 0; i < 3; i++) {
            Sample sample = samples.get(i);
            Box box = sample.visible().boundingBox().orElseThrow();
            RgbaImage cut = cutouts.get(i);
            assertEquals(box.width(), cut.width());
            assertEquals(box.height(), cut.height());
            for (int y = 0; y < box.height(); y++) {
                for (int x = 0; x < box.width(); x++) {
                    boolean visible = sample.visible().get(box.x() + x, box.y() + y);
                    int expected = visible ? 0xFF000000 | sample.image().rgb(box.x() + x, box.y() + y) : 0;
                    assertEquals(expected, cut.argb(x, y), "sample " + i + " pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void fromDatasetStopsAtMaxAndRefusesASourceWithNoPerson() {
        TestSamples.writeDataset(dir, 3);
        try (SampleSource source = Datasets.open(dir, LIMITS)) {
            assertEquals(1, Cutouts.fromDataset(source, 1).size());
        }
        SampleSource broken = new SampleSource() {
            @Override
            public String description() {
                return "broken test source";
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.of(1);
            }

            @Override
            public Stream<SampleResult> stream() {
                return Stream.of(new SampleResult.Skipped("x", 1, DeoccException.invalidArgument("bad")));
            }

            @Override
            public void close() {}
        };
        DeoccException e = assertThrows(DeoccException.class, () -> Cutouts.fromDataset(broken, 5));
        assertTrue(e.getMessage().contains("broken test source") && e.getMessage().contains("1 items skipped"), e.getMessage());
        assertThrows(DeoccException.class, () -> Cutouts.fromDataset(null, 5));
    }

    @Test
    void synthSetWithCutoutsIsDeterministicAndPastesThem() {
        RgbaImage magenta = RgbaImage.of(12, 20, filled(12 * 20, MAGENTA));
        SynthSet plain = SynthSet.of(SynthPreset.TRAIN).withCount(40).withSize(64).withSeed(3);
        SynthSet withCutouts = plain.withCutouts(List.of(magenta));
        assertEquals(withCutouts.sample(3), plain.withCutouts(List.of(magenta)).sample(3), "same cut-outs and seed, same sample");
        assertTrue(withCutouts.toString().contains("1 cut-outs"), withCutouts.toString());
        assertNotEquals(plain.metadata(0), withCutouts.metadata(0), "the manifest records that cut-outs were used");
        boolean pasted = false;
        for (int i = 0; i < 40 && !pasted; i++) {
            pasted = hasPixel(withCutouts.sample(i), 0xFF00FF);
        }
        assertTrue(pasted, "some sample shows the magenta cut-out (one occluder kind of seven, so 40 samples nearly always draw it)");
        assertThrows(DeoccException.class, () -> plain.withCutouts(List.of(RgbaImage.of(2, 2, filled(4, MAGENTA)))),
                "too small cut-outs are refused when the set is made");
        assertThrows(DeoccException.class, () -> plain.withCutouts(null));
    }

    private static boolean hasPixel(Sample sample, int rgb) {
        BinaryMask occluder = sample.occluder().orElseThrow();
        for (int y = 0; y < sample.image().height(); y++) {
            for (int x = 0; x < sample.image().width(); x++) {
                if (occluder.get(x, y) && sample.image().rgb(x, y) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int[] filled(int length, int argb) {
        int[] out = new int[length];
        java.util.Arrays.fill(out, argb);
        return out;
    }
}
