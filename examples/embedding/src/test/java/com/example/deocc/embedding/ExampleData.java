package com.example.deocc.embedding;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.io.AtomicFiles;
import io.deocc.api.io.ImageFiles;
import io.deocc.mask.coco.CocoRle;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Makes the files in {@code examples/data}: synthetic scenes from deocc-testkit, so that the
 * project ships example inputs it generated itself rather than photos of real people.
 *
 * <p>Lives in the test sources so that deocc-testkit stays off the application's run-time path.
 * The seeds were chosen by looking at the images: the person reads as a person and is clearly
 * occluded.
 */
final class ExampleData {
    /** Side of the square example images. */
    static final int SIZE = 384;
    /** A person whose legs are hidden behind a box. */
    static final long STREET_SEED = 190;
    /** A person behind a lamp post that hides the head and half the body, leaving pieces on both sides of it. */
    static final long POLE_SEED = 102;

    /** The file names written by {@link #writeAll}, in the order written. */
    static final List<String> FILES = List.of(
            "street.png", "street-person-1.png", "street-person-1-amodal.png", "street.coco.json",
            "pole.png", "pole-person-1.png");

    private ExampleData() {}

    static Scene street() {
        return SyntheticScenes.occludedPerson(STREET_SEED, SIZE, SIZE);
    }

    static Scene pole() {
        return SyntheticScenes.occludedPerson(POLE_SEED, SIZE, SIZE);
    }

    /** Writes every example file into {@code folder}, replacing files of the same names. */
    static void writeAll(Path folder) {
        Scene street = street();
        ImageFiles.writePng(street.image(), folder.resolve("street.png"));
        ImageFiles.writePng(street.visible(), folder.resolve("street-person-1.png"));
        ImageFiles.writePng(street.amodal(), folder.resolve("street-person-1-amodal.png"));
        AtomicFiles.writeString(folder.resolve("street.coco.json"), cocoJson("street.png", street.visible()));

        Scene pole = pole();
        ImageFiles.writePng(pole.image(), folder.resolve("pole.png"));
        ImageFiles.writePng(pole.visible(), folder.resolve("pole-person-1.png"));
    }

    /**
     * A COCO instance file with one image and one person, the visible mask as compressed RLE. Written
     * by hand (no JSON library) so that the bytes are fixed: keys in a set order, no floats.
     */
    static String cocoJson(String fileName, BinaryMask visible) {
        CocoRle rle = CocoRle.encode(visible);
        Box box = visible.boundingBox().orElseThrow();
        int w = visible.width();
        int h = visible.height();
        return String.format(Locale.ROOT, """
                {
                  "images": [
                    {"id": 1, "file_name": "%s", "width": %d, "height": %d}
                  ],
                  "annotations": [
                    {
                      "id": 1,
                      "image_id": 1,
                      "category_id": 1,
                      "iscrowd": 0,
                      "area": %d,
                      "bbox": [%d, %d, %d, %d],
                      "segmentation": {"size": [%d, %d], "counts": "%s"}
                    }
                  ],
                  "categories": [
                    {"id": 1, "name": "person", "supercategory": "person"}
                  ]
                }
                """, fileName, w, h, visible.area(), box.x(), box.y(), box.width(), box.height(), h, w,
                escape(rle.toCompressedString()));
    }

    /** The compressed RLE alphabet ('0' to 'o') holds a backslash; JSON needs it doubled. */
    private static String escape(String counts) {
        return counts.replace("\\", "\\\\");
    }
}
