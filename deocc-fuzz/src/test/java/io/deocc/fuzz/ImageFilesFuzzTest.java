package io.deocc.fuzz;

import static io.deocc.fuzz.Contract.check;
import static io.deocc.fuzz.Contract.valueOrRefusal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.io.LabelImage;
import java.nio.file.Path;

/**
 * PNG and JPEG decoding through {@link ImageFiles}: RGB images, masks (lenient and strictly binary)
 * and label images, all from the same bytes. The limit is small so that a header announcing a
 * decompression bomb must be refused before any pixel is decoded.
 */
class ImageFilesFuzzTest {
    /** 4 MP: large enough for every real test image, small enough that no decode strains the heap. */
    static final ResourceLimits LIMITS = ResourceLimits.defaults().withMaxImagePixels(4_000_000);
    private static final Path FILE = Contract.scratch("deocc-fuzz-images").resolve("input.png");

    @FuzzTest
    void images(byte[] data) {
        Contract.write(FILE, data);
        RgbImage rgb = valueOrRefusal(() -> ImageFiles.readRgb(FILE, LIMITS));
        if (rgb != null) {
            checkSize(rgb.width(), rgb.height());
        }
        BinaryMask mask = valueOrRefusal(() -> ImageFiles.readMask(FILE, LIMITS));
        if (mask != null) {
            checkSize(mask.width(), mask.height());
        }
        BinaryMask binary = valueOrRefusal(() -> ImageFiles.readBinaryMask(FILE, "input.png", LIMITS));
        if (binary != null && mask != null) {
            // The strict reader accepts a subset of what the lenient one does and must agree with it.
            check(binary.equals(mask), "readBinaryMask and readMask disagree on the same file");
        }
        LabelImage labels = valueOrRefusal(() -> ImageFiles.readLabels(FILE, LIMITS));
        if (labels != null) {
            checkSize(labels.width(), labels.height());
            check(labels.maxLabel() >= 0, "negative label " + labels.maxLabel());
        }
    }

    private static void checkSize(int width, int height) {
        check(width >= 1 && height >= 1, "decoded an image of size " + width + "x" + height);
        check((long) width * height <= LIMITS.maxImagePixels(), "decoded " + width + "x" + height + ", over the limit of "
                + LIMITS.maxImagePixels() + " pixels");
    }
}
