package io.deocc.mask.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoseMaskBankTest {
    /** A 2-mask, 3x3 bank written out by hand. */
    private static final String SMALL = """
            deocc-pose-masks 1
            count 2
            size 3
            recipe two hand-made masks
            mask 0
            00ff00
            ffffff
            ff00ff
            mask 1
            808080
            000000
            FFfF7f
            """;

    @Test
    void shippedBankHoldsCroppedSilhouettes() {
        PoseMaskBank bank = PoseMaskBank.loadDefault();
        assertTrue(bank.count() >= 24 && bank.count() <= 64, "bank size " + bank.count());
        assertEquals(32, bank.size());
        assertTrue(bank.recipe().contains("k-means") && bank.recipe().contains("32x32"), bank.recipe());
        for (int k = 0; k < bank.count(); k++) {
            // Each silhouette was cropped to its tight box, so it reaches all four sides of the grid.
            float top = 0;
            float bottom = 0;
            float left = 0;
            float right = 0;
            for (int i = 0; i < 32; i++) {
                top = Math.max(top, bank.value(k, i, 0));
                bottom = Math.max(bottom, bank.value(k, i, 31));
                left = Math.max(left, bank.value(k, 0, i));
                right = Math.max(right, bank.value(k, 31, i));
            }
            assertTrue(top > 0 && bottom > 0 && left > 0 && right > 0, "mask " + k + " does not reach every side of its grid");
            double coverage = bank.mask(k).coverage();
            assertTrue(coverage > 0.15 && coverage < 0.85, "mask " + k + " covers " + coverage + " of its box");
        }
    }

    @Test
    void readsAHandWrittenBank() {
        PoseMaskBank bank = read(SMALL);
        assertEquals(2, bank.count());
        assertEquals(3, bank.size());
        assertEquals("two hand-made masks", bank.recipe());
        assertEquals(1f, bank.value(0, 1, 0));
        assertEquals(0f, bank.value(0, 1, 2));
        assertEquals(128 / 255f, bank.value(1, 0, 0));
        assertEquals(127 / 255f, bank.value(1, 2, 2));
        assertEquals(BinaryMask.of(3, 3, new boolean[] {false, true, false, true, true, true, true, false, true}), bank.mask(0));
        // 0x80 = 128 is at least one half; 0x7f = 127 is not
        assertEquals(BinaryMask.of(3, 3, new boolean[] {true, true, true, false, false, false, true, true, false}), bank.mask(1));
    }

    @Test
    void writtenTextReadsBackEqual() throws IOException {
        PoseMaskBank bank = read(SMALL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bank.write(out);
        assertEquals(bank, read(out.toString(StandardCharsets.UTF_8)));
        // Written hex is lowercase, so the text differs from the input only in case.
        assertEquals(SMALL.toLowerCase(java.util.Locale.ROOT), bank.toText());
    }

    @Test
    void savedFileLoadsBackEqual(@TempDir Path dir) {
        PoseMaskBank bank = PoseMaskBank.ofValues(4, List.of(new float[16], ramp(16)), "a ramp and nothing");
        Path file = dir.resolve("sub/bank.txt");
        bank.save(file);
        assertEquals(bank, PoseMaskBank.load(file));
    }

    @Test
    void valuesAreQuantisedToByteLevels() {
        float[] values = {0f, 0.5f, 1f, 0.3f};
        PoseMaskBank bank = PoseMaskBank.ofValues(2, List.of(values), "levels");
        assertEquals(Math.round(0.5f * 255) / 255f, bank.value(0, 1, 0));
        assertEquals(77 / 255f, bank.value(0, 1, 1));
        assertEquals(1f, bank.values(0)[2]);
    }

    @Test
    void binaryMasksMakeABank() {
        BinaryMask cross = BinaryMask.of(3, 3, new boolean[] {false, true, false, true, true, true, false, true, false});
        PoseMaskBank bank = PoseMaskBank.ofMasks(List.of(cross, cross.not()), "cross and its complement");
        assertEquals(cross, bank.mask(0));
        assertEquals(cross.not(), bank.mask(1));
        DeoccException mixed = assertThrows(DeoccException.class,
                () -> PoseMaskBank.ofMasks(List.of(cross, BinaryMask.empty(4, 4)), "mixed"));
        assertEquals(ErrorCode.SIZE_MISMATCH, mixed.errorCode());
    }

    @Test
    void invalidContentIsRejectedWhenBuilding() {
        assertInvalidArgument(() -> PoseMaskBank.ofValues(2, List.of(), "none"));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(0, List.of(new float[0]), "size 0"));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(PoseMaskBank.MAX_SIZE + 1, List.of(new float[1]), "too big"));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(2, List.of(new float[3]), "short"));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(2, List.of(new float[] {0, 0, 0, 1.5f}), "above 1"));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(2, List.of(new float[] {0, Float.NaN, 0, 0}), "NaN"));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(2, List.of(new float[4]), " "));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(2, List.of(new float[4]), "two\nlines"));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(2, List.of(new float[4]), null));
        assertInvalidArgument(() -> PoseMaskBank.ofValues(2, null, "null list"));
        PoseMaskBank bank = read(SMALL);
        assertInvalidArgument(() -> bank.mask(2));
        assertInvalidArgument(() -> bank.value(0, 3, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong magic|deocc-pose-mask 1|line 1",
        "future version|deocc-pose-masks 2|format version 2",
        "count zero|count 0|count 0",
        "count not a number|count two|count 'two'",
        "count with a sign|count +2|count '+2'",
        "size too large|size 999|size 999",
        "recipe missing|-|line 4",
        "mask out of order|-|'mask 2' where 'mask 1'",
        "short row|-|row 1 of mask 1 has 5 characters",
        "bad hex|-|'0g'",
        "truncated|-|ends where",
        "extra content|-|more content",
    })
    void corruptFilesAreRejectedNamingTheProblem(String name, String change, String expected) {
        String text = corrupt(name, change);
        DeoccException e = assertThrows(DeoccException.class, () -> read(text), name);
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode(), name + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": message '" + e.getMessage() + "' should mention " + expected);
        assertTrue(e.getMessage().contains("test bank"), "the message names the source: " + e.getMessage());
    }

    /** Applies one named damage to {@link #SMALL}; header damages replace the line that {@code change} starts like. */
    private static String corrupt(String name, String change) {
        return switch (name) {
            case "truncated" -> SMALL.substring(0, SMALL.lastIndexOf("000000"));
            case "extra content" -> SMALL + "mask 2\n";
            case "recipe missing" -> SMALL.replace("recipe two hand-made masks\n", "");
            case "mask out of order" -> SMALL.replace("mask 1", "mask 2");
            case "short row" -> SMALL.replace("\n000000\n", "\n00000\n");
            case "bad hex" -> SMALL.replace("ff00ff", "ff0gff");
            default -> {
                // Replace the header line that starts with the same word as the change.
                String word = change.substring(0, change.indexOf(' '));
                String[] lines = SMALL.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].startsWith(word.equals("deocc-pose-mask") ? "deocc-pose-masks" : word)) {
                        lines[i] = change;
                        break;
                    }
                }
                yield String.join("\n", lines);
            }
        };
    }

    @Test
    void nonUtf8BytesAreRejected() {
        byte[] bytes = SMALL.getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xC3;
        DeoccException e = assertThrows(DeoccException.class, () -> PoseMaskBank.read(new ByteArrayInputStream(bytes), "test bank"));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
    }

    @Test
    void emptyInputIsRejected() {
        DeoccException e = assertThrows(DeoccException.class, () -> read(""));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode());
    }

    @Test
    void missingFileIsReportedAsSuch(@TempDir Path dir) throws IOException {
        DeoccException missing = assertThrows(DeoccException.class, () -> PoseMaskBank.load(dir.resolve("absent.txt")));
        assertEquals(ErrorCode.FILE_NOT_FOUND, missing.errorCode());
        Path corrupt = dir.resolve("corrupt.txt");
        Files.writeString(corrupt, SMALL.replace("size 3", "size 4"));
        DeoccException invalid = assertThrows(DeoccException.class, () -> PoseMaskBank.load(corrupt));
        assertEquals(ErrorCode.MODEL_INVALID, invalid.errorCode());
        assertTrue(invalid.getMessage().contains("corrupt.txt"), invalid.getMessage());
    }

    @Test
    void nullArgumentsAreRejectedWithDeoccException() {
        assertThrows(DeoccException.class, () -> PoseMaskBank.load(null));
        assertThrows(DeoccException.class, () -> PoseMaskBank.read(null, "x"));
        assertThrows(DeoccException.class, () -> PoseMaskBank.read(new ByteArrayInputStream(new byte[0]), null));
        assertThrows(DeoccException.class, () -> read(SMALL).save(null));
    }

    private static PoseMaskBank read(String text) {
        return PoseMaskBank.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test bank");
    }

    private static float[] ramp(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = i / (float) (n - 1);
        }
        return out;
    }

    private static void assertInvalidArgument(org.junit.jupiter.api.function.Executable call) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode(), e.getMessage());
    }
}
