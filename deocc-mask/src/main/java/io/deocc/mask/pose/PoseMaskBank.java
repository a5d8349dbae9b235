package io.deocc.mask.pose;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bank of typical whole-body pose masks: {@code count} square masks of {@code size × size}, each
 * a person's silhouette cropped to its tight box and stretched to the square. Values are 8-bit
 * levels read as fractions in [0, 1], so both binary silhouettes and soft k-means centres fit.
 * Immutable.
 *
 * <h2>File format, version 1</h2>
 * UTF-8 text with {@code \n} line ends and no blank lines:
 * <pre>
 * deocc-pose-masks 1
 * count K
 * size N
 * recipe one line saying how the bank was made
 * mask 0
 * N rows of 2·N lowercase hex digits (one byte level per pixel, 00 = background, ff = body)
 * mask 1
 * ...
 * </pre>
 * Mask blocks come in index order, {@code 0} to {@code K − 1}. Readers reject anything else, naming
 * the line and what was expected.
 */
public final class PoseMaskBank {
    /** The file format version this class reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The bank {@link #loadDefault()} reads: version 2, 64 k-means centres of 4000 synthetic amodal
     * masks, made by {@code io.deocc.data.pose.PoseBankBuilder} (see this package's documentation
     * for the command that remakes it). Version 1, {@link PoseMaskBankGenerator#RESOURCE}, is still
     * shipped.
     */
    public static final String DEFAULT_RESOURCE = "/io/deocc/mask/pose/pose-masks-v2.txt";

    /** Most masks a bank may hold; far above the paper's 64, low enough to bound memory on hostile files. */
    public static final int MAX_COUNT = 4096;

    /** Largest mask side; the paper uses 32. */
    public static final int MAX_SIZE = 256;

    private static final String MAGIC = "deocc-pose-masks";
    private static final int MAX_RECIPE_LENGTH = 1000;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final int size;
    private final String recipe;
    private final byte[][] levels;

    private PoseMaskBank(int size, String recipe, byte[][] levels) {
        this.size = size;
        this.recipe = recipe;
        this.levels = levels;
    }

    /**
     * A bank of soft masks.
     *
     * @param size the masks' side
     * @param masks one array of {@code size × size} values in [0, 1] per mask, row-major; values are
     *     rounded to the nearest of 256 levels
     * @param recipe one line saying how the masks were made
     */
    public static PoseMaskBank ofValues(int size, List<float[]> masks, String recipe) {
        checkSize(size);
        checkNotNull(masks, "masks");
        checkCount(masks.size());
        String checkedRecipe = checkRecipe(recipe);
        byte[][] levels = new byte[masks.size()][];
        for (int k = 0; k < levels.length; k++) {
            float[] values = checkNotNull(masks.get(k), "mask " + k);
            checkArgument(values.length == size * size,
                    "mask " + k + " has " + values.length + " values but a " + size + "x" + size + " bank needs " + size * size);
            byte[] out = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                float v = values[i];
                checkArgument(v >= 0f && v <= 1f, "mask " + k + " value " + i + " is " + v + ": values must lie in [0, 1]");
                out[i] = (byte) Math.round(v * 255f);
            }
            levels[k] = out;
        }
        return new PoseMaskBank(size, checkedRecipe, levels);
    }

    /** A bank of binary masks, all {@code size × size} and square. */
    public static PoseMaskBank ofMasks(List<BinaryMask> masks, String recipe) {
        checkNotNull(masks, "masks");
        checkCount(masks.size());
        BinaryMask first = checkNotNull(masks.get(0), "mask 0");
        int size = first.width();
        List<float[]> values = new ArrayList<>(masks.size());
        for (int k = 0; k < masks.size(); k++) {
            BinaryMask mask = checkNotNull(masks.get(k), "mask " + k);
            if (mask.width() != size || mask.height() != size) {
                throw new DeoccException(ErrorCode.SIZE_MISMATCH, "mask " + k + " is " + mask.width() + "x" + mask.height()
                        + " but mask 0 is " + size + "x" + size + ": every mask of a bank must be the same square size");
            }
            float[] v = new float[size * size];
            for (int i = 0; i < v.length; i++) {
                v[i] = mask.get(i) ? 1f : 0f;
            }
            values.add(v);
        }
        return ofValues(size, values, recipe);
    }

    /** The bank shipped with this module ({@link #DEFAULT_RESOURCE}). */
    public static PoseMaskBank loadDefault() {
        InputStream in = PoseMaskBank.class.getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "the pose-mask bank resource " + DEFAULT_RESOURCE
                    + " is missing from module io.deocc.mask: rebuild the module with its resources");
        }
        try (in) {
            return read(in, "resource " + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot close resource " + DEFAULT_RESOURCE + ": " + e, e);
        }
    }

    /** Reads a bank file. */
    public static PoseMaskBank load(Path file) {
        checkNotNull(file, "pose-mask bank file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, "'" + file + "'");
        } catch (NoSuchFileException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "pose-mask bank file '" + file + "' does not exist: give the path of a bank file", e);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read pose-mask bank file '" + file + "': " + e, e);
        }
    }

    /**
     * Reads a bank from a stream, which stays open.
     *
     * @param source names the stream in error messages, e.g. a file name
     * @throws DeoccException {@code MODEL_INVALID} naming the line and the problem when the content
     *     does not follow the format
     */
    public static PoseMaskBank read(InputStream in, String source) {
        checkNotNull(in, "input stream");
        checkNotNull(source, "source");
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder));
            return new Parser(reader, source).parse();
        } catch (CharacterCodingException e) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "pose-mask bank " + source + " is not UTF-8 text: give a file written by PoseMaskBank", e);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read pose-mask bank " + source + ": " + e, e);
        }
    }

    /** Writes the bank in the current format; the stream stays open. */
    public void write(OutputStream out) throws IOException {
        checkNotNull(out, "output stream");
        out.write(toText().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the bank to {@code file} atomically: readers see the old file or the whole new one. */
    public void save(Path file) {
        checkNotNull(file, "pose-mask bank file");
        AtomicFiles.write(file, this::write);
    }

    /** The bank in the current file format. */
    public String toText() {
        StringBuilder text = new StringBuilder(64 + levels.length * (12 + size * (2 * size + 1)));
        text.append(MAGIC).append(' ').append(FORMAT_VERSION).append('\n');
        text.append("count ").append(levels.length).append('\n');
        text.append("size ").append(size).append('\n');
        text.append("recipe ").append(recipe).append('\n');
        for (int k = 0; k < levels.length; k++) {
            text.append("mask ").append(k).append('\n');
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int level = levels[k][y * size + x] & 0xFF;
                    text.append(HEX[level >> 4]).append(HEX[level & 0xF]);
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** Number of masks. */
    public int count() {
        return levels.length;
    }

    /** The masks' side in pixels. */
    public int size() {
        return size;
    }

    /** How the bank was made, one line. */
    public String recipe() {
        return recipe;
    }

    /** Mask {@code k}'s value at (x, y), in [0, 1]. */
    public float value(int k, int x, int y) {
        checkIndex(k);
        checkArgument(x >= 0 && y >= 0 && x < size && y < size, "pixel (" + x + ", " + y + ") is outside the " + size + "x" + size + " masks");
        return (levels[k][y * size + x] & 0xFF) / 255f;
    }

    /** A copy of mask {@code k}'s values in [0, 1], row-major. */
    public float[] values(int k) {
        checkIndex(k);
        float[] out = new float[size * size];
        for (int i = 0; i < out.length; i++) {
            out[i] = (levels[k][i] & 0xFF) / 255f;
        }
        return out;
    }

    /** Mask {@code k} thresholded at one half. */
    public BinaryMask mask(int k) {
        checkIndex(k);
        byte[] mask = levels[k];
        return BinaryMask.fromIndex(size, size, i -> (mask[i] & 0xFF) >= 128);
    }

    private void checkIndex(int k) {
        checkArgument(k >= 0 && k < levels.length, "mask index " + k + " is outside the bank of " + levels.length + " masks: use 0 to " + (levels.length - 1));
    }

    private static void checkSize(int size) {
        checkArgument(size >= 1 && size <= MAX_SIZE, "mask size " + size + " must be from 1 to " + MAX_SIZE);
    }

    private static void checkCount(int count) {
        checkArgument(count >= 1 && count <= MAX_COUNT, "a bank holds 1 to " + MAX_COUNT + " masks, not " + count);
    }

    private static String checkRecipe(String recipe) {
        checkNotNull(recipe, "recipe");
        String trimmed = recipe.strip();
        checkArgument(!trimmed.isEmpty() && trimmed.length() <= MAX_RECIPE_LENGTH && trimmed.chars().noneMatch(Character::isISOControl),
                "recipe '" + recipe + "' must be one non-empty line of at most " + MAX_RECIPE_LENGTH + " characters without control characters");
        return trimmed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoseMaskBank other && size == other.size && recipe.equals(other.recipe) && Arrays.deepEquals(levels, other.levels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + recipe.hashCode()) + Arrays.deepHashCode(levels);
    }

    @Override
    public String toString() {
        return "PoseMaskBank[" + levels.length + " masks of " + size + "x" + size + ", recipe=" + recipe + "]";
    }

    /** Reads the format line by line, failing at the first line that breaks it. */
    private static final class Parser {
        private final BufferedReader reader;
        private final String source;
        private int lineNumber;

        Parser(BufferedReader reader, String source) {
            this.reader = reader;
            this.source = source;
        }

        PoseMaskBank parse() throws IOException {
            String header = next("the header '" + MAGIC + " " + FORMAT_VERSION + "'");
            String[] magic = header.split(" ", -1);
            if (magic.length != 2 || !magic[0].equals(MAGIC)) {
                throw invalid("starts with '" + abbreviate(header) + "', not '" + MAGIC + " <version>'", "give a pose-mask bank file");
            }
            int version = number(magic[1], "format version");
            if (version != FORMAT_VERSION) {
                throw invalid("has format version " + version + " but this build reads version " + FORMAT_VERSION,
                        "use a bank written for format " + FORMAT_VERSION + " or a matching deocc release");
            }
            int count = field("count", 1, MAX_COUNT);
            int size = field("size", 1, MAX_SIZE);
            String recipeLine = next("the 'recipe' line");
            if (!recipeLine.startsWith("recipe ")) {
                throw invalid("has '" + abbreviate(recipeLine) + "' where the 'recipe <text>' line belongs", "add a recipe line after the size");
            }
            String recipe = recipeLine.substring("recipe ".length()).strip();
            if (recipe.isEmpty() || recipe.length() > MAX_RECIPE_LENGTH || recipe.chars().anyMatch(Character::isISOControl)) {
                throw invalid("has a recipe that is empty, longer than " + MAX_RECIPE_LENGTH + " characters or holds control characters",
                        "write one line saying how the bank was made");
            }
            byte[][] levels = new byte[count][];
            for (int k = 0; k < count; k++) {
                String blockHeader = next("'mask " + k + "' (the header says count " + count + ")");
                if (!blockHeader.equals("mask " + k)) {
                    throw invalid("has '" + abbreviate(blockHeader) + "' where 'mask " + k + "' belongs", "list masks 0 to " + (count - 1) + " in order");
                }
                levels[k] = readRows(k, size, count);
            }
            String extra = reader.readLine();
            if (extra != null) {
                lineNumber++;
                throw invalid("has more content ('" + abbreviate(extra) + "') after the last of its " + count + " masks",
                        "fix the count in the header or remove the extra lines");
            }
            return new PoseMaskBank(size, recipe, levels);
        }

        private byte[] readRows(int k, int size, int count) throws IOException {
            byte[] out = new byte[size * size];
            for (int y = 0; y < size; y++) {
                String row = next("row " + y + " of mask " + k + " (the header says count " + count + ", size " + size + ")");
                if (row.length() != 2 * size) {
                    throw invalid("row " + y + " of mask " + k + " has " + row.length() + " characters but size " + size + " needs " + 2 * size,
                            "write " + size + " two-digit hex levels per row");
                }
                for (int x = 0; x < size; x++) {
                    int hi = hexDigit(row.charAt(2 * x));
                    int lo = hexDigit(row.charAt(2 * x + 1));
                    if (hi < 0 || lo < 0) {
                        throw invalid("row " + y + " of mask " + k + " has '" + row.substring(2 * x, 2 * x + 2) + "' at column " + x
                                + ", not a hex level", "use two hex digits (00 to ff) per pixel");
                    }
                    out[y * size + x] = (byte) (hi << 4 | lo);
                }
            }
            return out;
        }

        private int field(String name, int min, int max) throws IOException {
            String line = next("the '" + name + "' line");
            if (!line.startsWith(name + " ")) {
                throw invalid("has '" + abbreviate(line) + "' where '" + name + " <number>' belongs", "write the header lines in order: version, count, size, recipe");
            }
            int value = number(line.substring(name.length() + 1), name);
            if (value < min || value > max) {
                throw invalid("has " + name + " " + value + ", outside " + min + " to " + max, "write a " + name + " from " + min + " to " + max);
            }
            return value;
        }

        private int number(String text, String what) {
            // Only ASCII digits: Integer.parseInt alone would also take a sign and non-ASCII digits.
            if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw invalid("has " + what + " '" + abbreviate(text) + "', not a whole number", "write a decimal integer");
            }
            return Integer.parseInt(text);
        }

        private static int hexDigit(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }

        private String next(String expected) throws IOException {
            String line = reader.readLine();
            lineNumber++;
            if (line == null) {
                throw invalid("ends where " + expected + " was expected", "the file is truncated; regenerate or re-download it");
            }
            return line;
        }

        private DeoccException invalid(String problem, String fix) {
            return new DeoccException(ErrorCode.MODEL_INVALID, "pose-mask bank " + source + " line " + lineNumber + " " + problem + ": " + fix);
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "...";
        }
    }
}
