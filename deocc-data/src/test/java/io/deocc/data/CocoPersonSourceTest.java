package io.deocc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.io.ImageFiles;
import io.deocc.mask.coco.CocoRle;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoPersonSourceTest {
    @TempDir
    Path tmp;

    private Scene first;
    private Scene second;

    @BeforeEach
    void writeImages() {
        first = SyntheticScenes.occludedPerson(1, 48, 64);
        second = SyntheticScenes.occludedPerson(2, 48, 64);
        ImageFiles.writePng(first.image(), tmp.resolve("imgs/one.png"));
        ImageFiles.writePng(second.image(), tmp.resolve("imgs/two.png"));
    }

    private static String rle(BinaryMask mask) {
        return "{\"size\":[" + mask.height() + "," + mask.width() + "],\"counts\":\"" + CocoRle.encode(mask).toCompressedString() + "\"}";
    }

    private static String annotation(long id, long imageId, long category, int crowd, BinaryMask mask) {
        return "{\"id\":" + id + ",\"image_id\":" + imageId + ",\"category_id\":" + category + ",\"iscrowd\":" + crowd
                + ",\"segmentation\":" + rle(mask) + "}";
    }

    private Path coco(String name, String images, String... annotations) throws IOException {
        return Files.writeString(tmp.resolve(name), "{\"images\":[" + images + "],\"categories\":[{\"id\":1,\"name\":\"person\"},{\"id\":3,\"name\":\"car\"}],"
                + "\"annotations\":[" + String.join(",", annotations) + "]}");
    }

    private static final String IMAGES = "{\"id\":10,\"file_name\":\"one.png\",\"width\":48,\"height\":64},"
            + "{\"id\":20,\"file_name\":\"two.png\",\"width\":48,\"height\":64},"
            + "{\"id\":30,\"file_name\":\"gone.png\",\"width\":48,\"height\":64},"
            + "{\"id\":40,\"file_name\":\"../escape.png\",\"width\":48,\"height\":64}";

    @Test
    void readsPersonInstancesInFileOrderWithVisibleAsAmodal() throws IOException {
        Path file = coco("ann.json", IMAGES,
                annotation(1, 10, 1, 0, first.visible()),
                annotation(2, 10, 3, 0, first.occluder()), // a car: not a person
                annotation(3, 10, 1, 1, first.occluder()), // a crowd: not one person
                annotation(4, 20, 1, 0, second.visible()),
                annotation(5, 10, 1, 0, first.occluder().and(BinaryMask.ofBox(48, 64, new io.deocc.api.image.Box(0, 0, 48, 64)))),
                annotation(6, 30, 1, 0, first.visible()),
                annotation(7, 40, 1, 0, first.visible()));
        try (SampleSource source = Datasets.coco(file, tmp.resolve("imgs"), Optional.empty(), ResourceLimits.defaults())) {
            assertEquals(5, source.size().orElseThrow());
            List<SampleResult> results = source.stream().toList();
            assertEquals(5, results.size());
            Sample one = assertInstanceOf(SampleResult.Loaded.class, results.get(0)).sample();
            assertEquals("coco-1", one.id());
            assertEquals(first.image(), one.image());
            assertEquals(first.visible(), one.visible());
            assertEquals(one.visible(), one.amodal());
            assertEquals("coco-5", assertInstanceOf(SampleResult.Loaded.class, results.get(1)).sample().id(), "same image, second person");
            assertEquals(second.visible(), assertInstanceOf(SampleResult.Loaded.class, results.get(2)).sample().visible());
            SampleResult.Skipped missing = assertInstanceOf(SampleResult.Skipped.class, results.get(3));
            assertEquals("coco-6", missing.itemId());
            assertEquals(ErrorCode.FILE_NOT_FOUND, missing.error().errorCode());
            assertTrue(missing.error().getMessage().contains("annotation 6 (image 30 'gone.png')"), missing.error().getMessage());
            SampleResult.Skipped escape = assertInstanceOf(SampleResult.Skipped.class, results.get(4));
            assertTrue(escape.error().getMessage().contains("contains '..'"), escape.error().getMessage());
        }
    }

    @Test
    void amodalFileGivesTheWholeBody() throws IOException {
        Path visible = coco("visible.json", IMAGES, annotation(1, 10, 1, 0, first.visible()), annotation(4, 20, 1, 0, second.visible()));
        Path amodal = coco("amodal.json", IMAGES, annotation(1, 10, 1, 0, first.amodal()));
        try (SampleSource source = Datasets.coco(visible, tmp.resolve("imgs"), Optional.of(amodal), ResourceLimits.defaults())) {
            List<SampleResult> results = source.stream().toList();
            Sample one = assertInstanceOf(SampleResult.Loaded.class, results.get(0)).sample();
            assertEquals(first.amodal(), one.amodal());
            assertEquals(first.visible(), one.visible());
            SampleResult.Skipped noAmodal = assertInstanceOf(SampleResult.Skipped.class, results.get(1));
            assertTrue(noAmodal.error().getMessage().contains("no annotation with id 4"), noAmodal.error().getMessage());
        }
    }

    @Test
    void imageOfAnotherSizeThanAnnotatedIsSkipped() throws IOException {
        Path file = coco("ann.json", "{\"id\":10,\"file_name\":\"one.png\",\"width\":64,\"height\":64}",
                annotation(1, 10, 1, 0, BinaryMask.ofBox(64, 64, new io.deocc.api.image.Box(5, 5, 9, 9))));
        try (SampleSource source = Datasets.coco(file, tmp.resolve("imgs"), Optional.empty(), ResourceLimits.defaults())) {
            SampleResult.Skipped skipped = assertInstanceOf(SampleResult.Skipped.class, source.stream().findFirst().orElseThrow());
            assertEquals(ErrorCode.SIZE_MISMATCH, skipped.error().errorCode());
            assertTrue(skipped.error().getMessage().contains("is 48x64 but the annotations say 64x64"), skipped.error().getMessage());
        }
    }

    @Test
    void brokenFileOrMissingFolderFailsAtOpen() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"images\": [");
        DeoccException e = assertThrows(DeoccException.class,
                () -> Datasets.coco(broken, tmp.resolve("imgs"), Optional.empty(), ResourceLimits.defaults()));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        DeoccException folder = assertThrows(DeoccException.class,
                () -> Datasets.coco(broken, tmp.resolve("nothing"), Optional.empty(), ResourceLimits.defaults()));
        assertEquals(ErrorCode.FILE_NOT_FOUND, folder.errorCode());
    }
}
