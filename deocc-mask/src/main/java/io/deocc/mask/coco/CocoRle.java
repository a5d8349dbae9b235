package io.deocc.mask.coco;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import java.util.Arrays;

/**
 * A COCO run-length encoded mask: alternating runs of background and foreground pixels, starting
 * with background (the first run may be 0), over the pixels in <em>column-major</em> order (down
 * the first column, then the second...), as pycocotools stores them.
 *
 * <p>Two spellings exist in COCO files: the plain list of counts (used for crowd annotations) and
 * pycocotools' compressed string. In the string each count is written in 5-bit groups, least
 * significant first, one character per group ({@code '0'} + the group, with bit {@code 0x20} set
 * when another group follows and bit {@code 0x10} of the last group carrying the sign); from the
 * fourth count on, the value written is the difference to the count two places earlier, which is
 * small because neighbouring columns look alike.
 *
 * <p>Sizes here are {@code width, height} like everywhere in deocc; note that COCO's
 * {@code "size"} field is {@code [height, width]}. Instances are immutable and validated: no
 * negative run and counts that add up to exactly {@code width * height}.
 */
public final class CocoRle implements CocoSegmentation {
    /** Seven 5-bit groups hold any 32-bit signed difference; more can only be damage. */
    private static final int MAX_GROUPS = 7;

    private final int width;
    private final int height;
    private final int[] counts;

    private CocoRle(int width, int height, int[] counts) {
        this.width = width;
        this.height = height;
        this.counts = counts;
    }

    /**
     * An RLE from a plain list of counts.
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} for a negative run or counts whose sum is
     *     not {@code width * height}
     */
    public static CocoRle ofCounts(int width, int height, int[] counts) {
        checkNotNull(counts, "counts");
        long pixels = checkedPixels(width, height);
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw invalid("RLE count " + i + " is " + counts[i] + ": runs cannot be negative; re-encode the mask");
            }
            sum += counts[i];
        }
        checkSum(sum, pixels, width, height);
        return new CocoRle(width, height, counts.clone());
    }

    /**
     * An RLE from pycocotools' compressed counts string.
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} naming the character position for a character
     *     outside {@code '0'..'o'}, a value cut off at the end of the string, a negative run or counts
     *     that do not add up to {@code width * height}
     */
    public static CocoRle ofCompressed(int width, int height, String compressed) {
        checkNotNull(compressed, "compressed counts");
        long pixels = checkedPixels(width, height);
        int[] counts = new int[compressed.length()];
        int n = 0;
        int pos = 0;
        long sum = 0;
        while (pos < compressed.length()) {
            int start = pos;
            long value = 0;
            int group = 0;
            boolean more = true;
            while (more) {
                if (pos >= compressed.length()) {
                    throw invalid("RLE string ends inside the value that starts at position " + start
                            + ": the string is truncated; re-encode the mask");
                }
                if (group == MAX_GROUPS) {
                    throw invalid("RLE string has a value longer than " + MAX_GROUPS + " characters at position " + start
                            + ": counts beyond 32 bits mean a damaged string; re-encode the mask");
                }
                char ch = compressed.charAt(pos);
                int bits = ch - '0';
                if (bits < 0 || bits > 63) {
                    throw invalid("RLE string has the character '" + ch + "' at position " + pos
                            + ": compressed counts use only '0' to 'o'; re-encode the mask");
                }
                value |= (long) (bits & 0x1f) << (5 * group);
                more = (bits & 0x20) != 0;
                pos++;
                group++;
                if (!more && (bits & 0x10) != 0) {
                    value |= -1L << (5 * group);
                }
            }
            if (n > 2) {
                value += counts[n - 2];
            }
            if (value < 0 || value > pixels) {
                throw invalid("RLE count " + n + " (at position " + start + ") decodes to " + value
                        + ", outside 0.." + pixels + " for a " + width + "x" + height + " mask: re-encode the mask");
            }
            counts[n++] = (int) value;
            sum += value;
        }
        checkSum(sum, pixels, width, height);
        return new CocoRle(width, height, Arrays.copyOf(counts, n));
    }

    /** Encodes a mask; the result's counts are the shortest: only the first run may be 0. */
    public static CocoRle encode(BinaryMask mask) {
        checkNotNull(mask, "mask");
        int w = mask.width();
        int h = mask.height();
        int[] runs = new int[16];
        int n = 0;
        boolean current = false;
        int length = 0;
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                boolean value = mask.get(y * w + x);
                if (value != current) {
                    if (n == runs.length) {
                        runs = Arrays.copyOf(runs, n * 2);
                    }
                    runs[n++] = length;
                    current = value;
                    length = 0;
                }
                length++;
            }
        }
        if (n == runs.length) {
            runs = Arrays.copyOf(runs, n + 1);
        }
        runs[n++] = length;
        return new CocoRle(w, h, Arrays.copyOf(runs, n));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the run lengths, background first. */
    public int[] counts() {
        return counts.clone();
    }

    /** The number of foreground pixels. */
    public long area() {
        long area = 0;
        for (int i = 1; i < counts.length; i += 2) {
            area += counts[i];
        }
        return area;
    }

    /** The counts in pycocotools' compressed string form. */
    public String toCompressedString() {
        StringBuilder out = new StringBuilder(counts.length * 2);
        for (int i = 0; i < counts.length; i++) {
            long value = counts[i];
            if (i > 2) {
                value -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                int bits = (int) (value & 0x1f);
                value >>= 5;
                // Stop once the remaining bits are pure sign extension of the group just written.
                more = (bits & 0x10) != 0 ? value != -1 : value != 0;
                if (more) {
                    bits |= 0x20;
                }
                out.append((char) (bits + '0'));
            }
        }
        return out.toString();
    }

    /** The decoded mask at this RLE's own size. */
    public BinaryMask toMask() {
        boolean[] bits = new boolean[width * height];
        long position = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i % 2 == 1) {
                for (long p = position; p < position + counts[i]; p++) {
                    int x = (int) (p / height);
                    int y = (int) (p % height);
                    bits[y * width + x] = true;
                }
            }
            position += counts[i];
        }
        return BinaryMask.of(width, height, bits);
    }

    /** The decoded mask; fails with {@code SIZE_MISMATCH} unless the RLE has exactly this size. */
    @Override
    public BinaryMask toMask(int width, int height) {
        if (width != this.width || height != this.height) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "RLE mask is " + this.width + "x" + this.height
                    + " but " + width + "x" + height + " was asked for: decode it for the image it was annotated on");
        }
        return toMask();
    }

    private static long checkedPixels(int width, int height) {
        checkArgument(width > 0 && height > 0, "RLE size " + width + "x" + height + " is empty: width and height must be at least 1");
        long pixels = (long) width * height;
        checkArgument(pixels <= Integer.MAX_VALUE - 8, "RLE size " + width + "x" + height + " has more pixels than a mask can hold");
        return pixels;
    }

    private static void checkSum(long sum, long pixels, int width, int height) {
        if (sum != pixels) {
            throw invalid("RLE counts add up to " + sum + " pixels but a " + width + "x" + height + " mask has " + pixels
                    + ": the counts or the size are wrong; re-encode the mask");
        }
    }

    private static DeoccException invalid(String message) {
        return new DeoccException(ErrorCode.ANNOTATION_INVALID, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CocoRle other && width == other.width && height == other.height && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CocoRle[" + width + "x" + height + ", runs=" + counts.length + ", area=" + area() + "]";
    }
}
