package io.deocc.fuzz;

import static io.deocc.fuzz.Contract.check;
import static io.deocc.fuzz.Contract.valueOrRefusal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deocc.api.image.BinaryMask;
import io.deocc.mask.coco.CocoAnnotation;
import io.deocc.mask.coco.CocoAnnotations;
import io.deocc.mask.coco.CocoImage;
import io.deocc.mask.coco.CocoPolygons;
import io.deocc.mask.coco.CocoRle;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * COCO annotations: the JSON reader with everything it decodes, and the two segmentation decoders
 * (RLE in both spellings, polygons) called directly with arbitrary sizes and data.
 */
class CocoFuzzTest {
    /** Masks are decoded only up to this size, as a caller holding {@code ResourceLimits} would. */
    private static final long MAX_MASK_PIXELS = 4_000_000;
    private static final long MAX_JSON_BYTES = 1 << 20;

    @FuzzTest
    void cocoJson(byte[] data) {
        CocoAnnotations coco = valueOrRefusal(() -> CocoAnnotations.parse(new ByteArrayInputStream(data), "fuzz.json", MAX_JSON_BYTES));
        if (coco == null) {
            return;
        }
        for (CocoAnnotation annotation : coco.annotations()) {
            CocoImage image = coco.image(annotation.imageId()).orElseThrow(
                    () -> new AssertionError("annotation " + annotation.id() + " accepted without its image"));
            check(coco.annotationsOf(image.id()).contains(annotation), "annotation not indexed under its image");
            if ((long) image.width() * image.height() <= MAX_MASK_PIXELS) {
                BinaryMask mask = valueOrRefusal(() -> annotation.toMask(image));
                if (mask != null) {
                    check(mask.width() == image.width() && mask.height() == image.height(), "mask size differs from the image's");
                }
            }
        }
        for (CocoImage image : coco.images()) {
            valueOrRefusal(() -> coco.imageByFileName(image.fileName()));
        }
        coco.personCategoryId();
        check(coco.describeImages(3) != null, "describeImages returned null");
    }

    @FuzzTest
    void rle(FuzzedDataProvider data) {
        int width = data.consumeInt(-2, 3000);
        int height = data.consumeInt(-2, 3000);
        CocoRle rle;
        if (data.consumeBoolean()) {
            rle = valueOrRefusal(() -> CocoRle.ofCompressed(width, height, data.consumeRemainingAsAsciiString()));
        } else {
            int[] counts = data.consumeInts(2000);
            rle = valueOrRefusal(() -> CocoRle.ofCounts(width, height, counts));
        }
        if (rle == null || (long) width * height > MAX_MASK_PIXELS) {
            return;
        }
        BinaryMask mask = rle.toMask(width, height);
        check(mask.area() == rle.area(), "decoded area " + mask.area() + " differs from the counts' " + rle.area());
        // Re-encoding gives the canonical counts of the same mask, and the string form round-trips.
        CocoRle again = CocoRle.encode(mask);
        check(again.toMask().equals(mask), "encode(toMask()) changed the mask");
        check(CocoRle.ofCompressed(width, height, again.toCompressedString()).equals(again), "compressed string does not round-trip");
    }

    @FuzzTest
    void polygons(FuzzedDataProvider data) {
        int width = data.consumeInt(-2, 600);
        int height = data.consumeInt(-2, 600);
        CocoPolygons.FillRule rule = data.pickValue(CocoPolygons.FillRule.values());
        int count = data.consumeInt(0, 4);
        List<double[]> polygons = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            double[] coords = new double[data.consumeInt(0, 24)];
            for (int i = 0; i < coords.length; i++) {
                coords[i] = data.consumeBoolean() ? data.consumeDouble() : data.consumeInt(-50, 650) + data.consumeProbabilityDouble();
            }
            polygons.add(coords);
        }
        CocoPolygons shape = valueOrRefusal(() -> CocoPolygons.of(polygons));
        if (shape == null) {
            return;
        }
        BinaryMask mask = valueOrRefusal(() -> shape.toMask(width, height, rule));
        if (mask != null) {
            check(mask.width() == width && mask.height() == height, "mask size differs from the one asked for");
        }
    }
}
