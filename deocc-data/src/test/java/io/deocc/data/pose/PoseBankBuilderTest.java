package io.deocc.data.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.mask.pose.PoseMaskBank;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoseBankBuilderTest {
    private static final int CANVAS = 40;

    @Test
    void cropAndResizeAveragesTheCoveredShareOfEachCell() {
        // Box 3x2 at (5, 7): top row [1 0 0], bottom row [1 1 1]. At size 2 the left cell spans
        // source columns [0, 1.5): top-left = (1 + 0 * 0.5) / 1.5 = 2/3, top-right = 0, bottom = 1.
        BinaryMask mask = BinaryMask.fromIndex(12, 12, i -> {
            int x = i % 12;
            int y = i / 12;
            return (y == 7 && x == 5) || (y == 8 && x >= 5 && x <= 7);
        });
        float[] values = PoseBankBuilder.cropAndResize(mask, 2);
        assertArrayEquals(new float[] {2f / 3f, 0f, 1f, 1f}, values, 1e-6f);
    }

    @Test
    void cropAndResizeStretchesTheBoxWhateverItsAspect() {
        BinaryMask tallBar = BinaryMask.fromIndex(20, 20, i -> i % 20 == 3 && i / 20 >= 2 && i / 20 < 18);
        BinaryMask onePixel = BinaryMask.fromIndex(20, 20, i -> i == 7 * 20 + 9);
        for (BinaryMask mask : List.of(tallBar, onePixel)) {
            float[] values = PoseBankBuilder.cropAndResize(mask, 8);
            assertEquals(64, values.length);
            for (float v : values) {
                assertEquals(1f, v, 1e-6f, "a mask that fills its box becomes all ones");
            }
        }
    }

    @Test
    void cropAndResizeKeepsTheMaskedShareOfTheBox() {
        // Area averaging preserves the covered fraction: the mean of the output is area / box area.
        BinaryMask triangle = BinaryMask.fromIndex(30, 30, i -> i % 30 <= i / 30 && i / 30 < 23);
        float[] values = PoseBankBuilder.cropAndResize(triangle, 8);
        double mean = 0;
        for (float v : values) {
            assertTrue(v >= 0f && v <= 1f, "value " + v + " outside [0, 1]");
            mean += v / values.length;
        }
        assertEquals(triangle.area() / (23.0 * 23.0), mean, 1e-5);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 42})
    void kMeansFindsThreeObviousShapeGroupsOrderedBySize(long seed) {
        // Three shapes in several positions, bars 4 or 5 pixels thick; 6 T's, 4 L's and 2 crosses. Within a
        // group masks differ by a pixel's width of bar, between groups by whole bars: k-means++ seeding
        // (which samples by squared distance) all but surely starts one centre per group.
        List<BinaryMask> tees = new ArrayList<>();
        List<BinaryMask> ells = new ArrayList<>();
        List<BinaryMask> crosses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tees.add(tee(2 + i, 3 + i % 3, 4 + i % 2));
        }
        for (int i = 0; i < 4; i++) {
            ells.add(ell(1 + 2 * i, 4 + i % 2, 4 + i % 2));
        }
        for (int i = 0; i < 2; i++) {
            crosses.add(cross(3 + 3 * i, 4 + i));
        }
        // interleave so that input order does not hand k-means the groups
        List<BinaryMask> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(tees.get(i));
            if (i < ells.size()) {
                all.add(ells.get(i));
            }
            if (i < crosses.size()) {
                all.add(crosses.get(i));
            }
        }

        PoseMaskBank bank = new PoseBankBuilder(3, 16, 50, seed).build(all, "hand-made shapes");

        assertEquals(3, bank.count());
        assertEquals(16, bank.size());
        List<List<BinaryMask>> bySize = List.of(tees, ells, crosses);
        for (int k = 0; k < 3; k++) {
            float[] expected = mean(bySize.get(k), 16);
            float[] actual = bank.values(k);
            for (int i = 0; i < expected.length; i++) {
                // only the bank's 8-bit rounding separates a centre from its group's mean
                assertEquals(expected[i], actual[i], 0.6f / 255f, "centre " + k + " pixel " + i);
            }
        }
    }

    @Test
    void sameInputsAndSeedGiveTheSameBankByteForByte() {
        SyntheticPeople people = new SyntheticPeople(7_000_000, 40, 64);
        PoseBankBuilder builder = new PoseBankBuilder(6, 16, 30, 7_000_000);

        PoseMaskBank first = builder.build(people);
        PoseMaskBank second = builder.build(people);

        assertEquals(first, second);
        assertEquals(first.toText(), second.toText());
        assertEquals(6, first.count());
        assertEquals(builder.recipe(40, people.description()), first.recipe());
        for (String part : List.of("k-means", "commons-math3 3.6.1", "Well19937c seed 7000000", "at most 30 iterations", "of 40 amodal masks",
                "seeds 7000000 to 7000039", "64x64 scenes", "16x16", "k 6")) {
            assertTrue(first.recipe().contains(part), "recipe lacks '" + part + "': " + first.recipe());
        }
    }

    @Test
    void centresAreOrderedByClusterSizeAndAreSoftMasks() {
        PoseMaskBank bank = new PoseBankBuilder(5, 16, 30, 3).build(new SyntheticPeople(9_000_000, 30, 64));
        // Every centre is an average of person masks: some body (value near 1) and some background.
        for (int k = 0; k < bank.count(); k++) {
            float[] values = bank.values(k);
            float max = 0;
            float min = 1;
            for (float v : values) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            assertTrue(max > 0.9f && min < 0.1f, "centre " + k + " spans " + min + " to " + max);
        }
    }

    @Test
    void aDifferentClusteringSeedIsRecorded() {
        SyntheticPeople people = new SyntheticPeople(7_000_000, 20, 64);
        PoseMaskBank a = new PoseBankBuilder(4, 8, 20, 1).build(people);
        PoseMaskBank b = new PoseBankBuilder(4, 8, 20, 2).build(people);
        assertNotEquals(a.recipe(), b.recipe());
    }

    @Test
    void rejectsParametersOutsideTheirRangesNamingTheRange() {
        assertInvalid(() -> new PoseBankBuilder(0, 32, 100, 1), "1 to " + PoseMaskBank.MAX_COUNT);
        assertInvalid(() -> new PoseBankBuilder(PoseMaskBank.MAX_COUNT + 1, 32, 100, 1), "1 to " + PoseMaskBank.MAX_COUNT);
        assertInvalid(() -> new PoseBankBuilder(64, 3, 100, 1), "4 to 128");
        assertInvalid(() -> new PoseBankBuilder(64, 129, 100, 1), "4 to 128");
        assertInvalid(() -> new PoseBankBuilder(64, 32, 0, 1), "1 to " + PoseBankBuilder.MAX_ITERATIONS);
        assertInvalid(() -> new SyntheticPeople(1, 0, 64), "1 to " + PoseBankBuilder.MAX_MASKS);
        assertInvalid(() -> new SyntheticPeople(1, 10, 16), "32 to 1024");
        assertInvalid(() -> new SyntheticPeople(Long.MAX_VALUE - 2, 10, 64), "overflows");
        assertInvalid(() -> PoseBankBuilder.cropAndResize(BinaryMask.empty(5, 5), 4), "empty");
    }

    @Test
    void rejectsMoreCentresThanMasks() {
        assertInvalid(() -> new PoseBankBuilder(5, 8, 10, 1).build(new SyntheticPeople(1, 4, 64)), "at most 4 centres");
        List<BinaryMask> three = List.of(tee(2, 3, 3), ell(2, 4, 3), cross(3, 5));
        assertInvalid(() -> new PoseBankBuilder(4, 8, 10, 1).build(three, "three shapes"), "at most 3 centres");
    }

    @Test
    void rejectsEmptyAndMissingMasks() {
        PoseBankBuilder builder = new PoseBankBuilder(1, 8, 10, 1);
        DeoccException empty = assertThrows(DeoccException.class,
                () -> builder.build(List.of(tee(2, 3, 3), BinaryMask.empty(CANVAS, CANVAS)), "shapes"));
        assertEquals(ErrorCode.EMPTY_MASK, empty.errorCode());
        assertTrue(empty.getMessage().contains("mask 1"), empty.getMessage());
        assertThrows(DeoccException.class, () -> builder.build((Iterable<BinaryMask>) null, "shapes"));
        assertThrows(DeoccException.class, () -> builder.build(Stream.of(tee(2, 3, 3)), null, n -> { }));
        assertInvalid(() -> builder.build(List.of(tee(2, 3, 3)), "two\nlines"), "one non-empty line");
        assertInvalid(() -> builder.build(List.of(), "nothing"), "no amodal masks");
    }

    @Test
    void reportsProgressOncePerMask() {
        List<Integer> counts = new ArrayList<>();
        new PoseBankBuilder(2, 8, 10, 1).build(Stream.of(tee(2, 3, 3), ell(2, 4, 3), cross(3, 5)), "shapes", counts::add);
        assertEquals(List.of(1, 2, 3), counts);
    }

    private static void assertInvalid(Executable call, String expectedInMessage) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), "message lacks '" + expectedInMessage + "': " + e.getMessage());
    }

    private static float[] mean(List<BinaryMask> masks, int size) {
        float[] sum = new float[size * size];
        for (BinaryMask mask : masks) {
            float[] values = PoseBankBuilder.cropAndResize(mask, size);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += values[i] / masks.size();
            }
        }
        return sum;
    }

    /** A 20x24 T: a bar across the top, a stem down the middle. */
    private static BinaryMask tee(int left, int top, int thickness) {
        return BinaryMask.fromIndex(CANVAS, CANVAS, i -> {
            int x = i % CANVAS - left;
            int y = i / CANVAS - top;
            boolean inBox = x >= 0 && x < 20 && y >= 0 && y < 24;
            return inBox && (y < thickness || Math.abs(x - 10) < thickness / 2.0 + 0.5);
        });
    }

    /** A 20x24 L: a bar down the left, a bar along the bottom. */
    private static BinaryMask ell(int left, int top, int thickness) {
        return BinaryMask.fromIndex(CANVAS, CANVAS, i -> {
            int x = i % CANVAS - left;
            int y = i / CANVAS - top;
            boolean inBox = x >= 0 && x < 20 && y >= 0 && y < 24;
            return inBox && (x < thickness || y >= 24 - thickness);
        });
    }

    /** A 20x24 plus sign. */
    private static BinaryMask cross(int offset, int thickness) {
        return BinaryMask.fromIndex(CANVAS, CANVAS, i -> {
            int x = i % CANVAS - offset;
            int y = i / CANVAS - offset;
            boolean inBox = x >= 0 && x < 20 && y >= 0 && y < 24;
            return inBox && (Math.abs(x - 10) < thickness / 2.0 + 0.5 || Math.abs(y - 12) < thickness / 2.0 + 0.5);
        });
    }
}
