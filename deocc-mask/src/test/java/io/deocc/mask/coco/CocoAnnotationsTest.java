package io.deocc.mask.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoAnnotationsTest {
    /** Two images; "255" is the hand-derived string of the 4x3 mask in {@link CocoRleTest}. */
    static final String VALID = """
            {
              "info": {"description": "test", "nested": {"a": [1, 2, {"b": null}]}},
              "licenses": [],
              "images": [
                {"id": 1, "file_name": "train/0001.jpg", "width": 4, "height": 3},
                {"id": 2, "file_name": "train/0002.jpg", "width": 20, "height": 10}
              ],
              "categories": [{"id": 1, "name": "person", "supercategory": "person"}, {"id": 3, "name": "car"}],
              "annotations": [
                {"id": 10, "image_id": 1, "category_id": 1, "segmentation": {"size": [3, 4], "counts": "255"},
                 "bbox": [0, 0, 2, 3], "iscrowd": 0, "area": 5},
                {"id": 11, "image_id": 2, "category_id": 1, "segmentation": [[0, 0, 10, 0, 10, 10, 0, 10]],
                 "bbox": [0, 0, 10, 10], "iscrowd": 0, "score": 0.9},
                {"id": 12, "image_id": 2, "category_id": 3, "segmentation": [[12, 0, 16, 0, 16, 4, 12, 4]], "iscrowd": 0},
                {"id": 13, "image_id": 2, "category_id": 1, "segmentation": {"size": [10, 20], "counts": [0, 200]}, "iscrowd": 1}
              ]
            }
            """;

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("instances.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private DeoccException readFails(String json) throws IOException {
        Path file = write(json);
        DeoccException e = assertThrows(DeoccException.class, () -> CocoAnnotations.read(file));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
        return e;
    }

    private static void assertMentions(DeoccException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void readsImagesCategoriesAndAnnotations() throws IOException {
        CocoAnnotations coco = CocoAnnotations.read(write(VALID));
        assertEquals(List.of(new CocoImage(1, "train/0001.jpg", 4, 3), new CocoImage(2, "train/0002.jpg", 20, 10)), coco.images());
        assertEquals(List.of(new CocoCategory(1, "person"), new CocoCategory(3, "car")), coco.categories());
        assertEquals(4, coco.annotations().size());
        assertEquals(1, coco.personCategoryId());
    }

    @Test
    void decodesRleAndPolygonSegmentations() throws IOException {
        CocoAnnotations coco = CocoAnnotations.read(write(VALID));
        CocoImage small = coco.image(1).orElseThrow();
        CocoAnnotation rle = coco.annotationsOf(1).get(0);
        BinaryMask expected = BinaryMask.of(4, 3, new boolean[] {
            false, true, true, false,
            false, true, false, false,
            true, true, false, false,
        });
        assertEquals(expected, rle.toMask(small));
        assertEquals(new CocoBox(0, 0, 2, 3), rle.bbox().orElseThrow());
        assertTrue(rle.score().isEmpty());
        assertEquals(1.0, rle.confidence());

        CocoImage large = coco.image(2).orElseThrow();
        CocoAnnotation polygon = coco.annotationsOf(2).get(0);
        assertEquals(BinaryMask.ofBox(20, 10, new Box(0, 0, 10, 10)), polygon.toMask(large));
        assertEquals(0.9, polygon.confidence());

        CocoAnnotation crowd = coco.annotationsOf(2).get(2);
        assertTrue(crowd.crowd());
        assertEquals(200, crowd.toMask(large).area());
    }

    @Test
    void filtersAnnotationsByImageAndCategory() throws IOException {
        CocoAnnotations coco = CocoAnnotations.read(write(VALID));
        assertEquals(List.of(11L, 12L, 13L), coco.annotationsOf(2).stream().map(CocoAnnotation::id).toList());
        assertEquals(List.of(11L, 13L), coco.annotationsOf(2, 1).stream().map(CocoAnnotation::id).toList());
        assertEquals(List.of(12L), coco.annotationsOf(2, 3).stream().map(CocoAnnotation::id).toList());
        assertTrue(coco.annotationsOf(99).isEmpty());
    }

    @Test
    void findsImagesByIdFileNameOrBaseName() throws IOException {
        CocoAnnotations coco = CocoAnnotations.read(write(VALID));
        assertEquals(2, coco.imageByFileName("train/0002.jpg").orElseThrow().id());
        assertEquals(1, coco.imageByFileName("0001.jpg").orElseThrow().id());
        assertEquals(2, coco.imageByFileName("/data/coco/train/0002.jpg").orElseThrow().id());
        assertEquals(2, coco.imageByFileName("C:\\coco\\0002.jpg").orElseThrow().id());
        assertTrue(coco.imageByFileName("0003.jpg").isEmpty());
        assertTrue(coco.image(3).isEmpty());
    }

    @Test
    void ambiguousBaseNameIsAnErrorButTheFullNameWorks() throws IOException {
        CocoAnnotations coco = CocoAnnotations.read(write("""
                {"images": [{"id": 1, "file_name": "a/x.jpg", "width": 2, "height": 2},
                            {"id": 2, "file_name": "b/x.jpg", "width": 2, "height": 2}],
                 "annotations": []}
                """));
        assertEquals(2, coco.imageByFileName("b/x.jpg").orElseThrow().id());
        DeoccException e = assertThrows(DeoccException.class, () -> coco.imageByFileName("x.jpg"));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertMentions(e, "x.jpg", "2 images");
    }

    @Test
    void personCategoryIsFoundByNameElseIdOne() throws IOException {
        CocoAnnotations renamed = CocoAnnotations.read(write("""
                {"images": [], "annotations": [], "categories": [{"id": 1, "name": "dog"}, {"id": 7, "name": "person"}]}
                """));
        assertEquals(7, renamed.personCategoryId());
        CocoAnnotations unnamed = CocoAnnotations.read(write("""
                {"images": [], "annotations": []}
                """));
        assertEquals(1, unnamed.personCategoryId());
        assertTrue(unnamed.categories().isEmpty());
    }

    @Test
    void malformedRleStringNamesTheAnnotationAndPosition() throws IOException {
        DeoccException e = readFails(VALID.replace("\"counts\": \"255\"", "\"counts\": \"25 5\""));
        assertMentions(e, "annotation 10", "position 2");
    }

    @Test
    void rleCountsNotCoveringTheImageAreRejected() throws IOException {
        DeoccException e = readFails(VALID.replace("\"counts\": [0, 200]", "\"counts\": [0, 199]"));
        assertMentions(e, "annotation 13", "199");
    }

    @Test
    void negativeUncompressedRunIsRejected() throws IOException {
        DeoccException e = readFails(VALID.replace("\"counts\": [0, 200]", "\"counts\": [-1, 201]"));
        assertMentions(e, "annotation 13", "counts[0]");
    }

    @Test
    void rleOfAnotherSizeThanItsImageIsRejected() throws IOException {
        DeoccException e = readFails(VALID.replace("\"size\": [10, 20], \"counts\": [0, 200]", "\"size\": [20, 10], \"counts\": [0, 200]"));
        assertMentions(e, "annotation 13", "20x10");
    }

    @Test
    void polygonWithTwoPointsNamesTheAnnotation() throws IOException {
        DeoccException e = readFails(VALID.replace("[[12, 0, 16, 0, 16, 4, 12, 4]]", "[[12, 0, 16, 0]]"));
        assertMentions(e, "annotation 12", "3");
    }

    @Test
    void annotationOfAnUnknownImageIsRejected() throws IOException {
        DeoccException e = readFails(VALID.replace("\"id\": 12, \"image_id\": 2", "\"id\": 12, \"image_id\": 5"));
        assertMentions(e, "annotation 12", "image_id 5");
    }

    @Test
    void annotationOfAnUnknownCategoryIsRejected() throws IOException {
        DeoccException e = readFails(VALID.replace("\"category_id\": 3", "\"category_id\": 4"));
        assertMentions(e, "annotation 12", "category_id 4");
    }

    @Test
    void duplicateIdsAreRejected() throws IOException {
        DeoccException e = readFails(VALID.replace("\"id\": 12,", "\"id\": 11,"));
        assertMentions(e, "annotation id 11");
    }

    @Test
    void missingAndMistypedFieldsAreNamed() throws IOException {
        assertMentions(readFails(VALID.replace("\"image_id\": 1, ", "")), "annotations[0]", "image_id");
        assertMentions(readFails(VALID.replace("\"width\": 4", "\"width\": \"4\"")), "image 1", "width");
        assertMentions(readFails(VALID.replace("\"width\": 4", "\"width\": 0")), "image 1", "width");
        assertMentions(readFails(VALID.replace("\"score\": 0.9", "\"score\": 1.5")), "annotation 11", "score");
        assertMentions(readFails(VALID.replace("\"bbox\": [0, 0, 2, 3]", "\"bbox\": [0, 0, 2]")), "annotation 10", "bbox");
        assertMentions(readFails(VALID.replace("\"iscrowd\": 1", "\"iscrowd\": 2")), "annotation 13", "iscrowd");
        assertMentions(readFails(VALID.replace("\"segmentation\": [[12, 0, 16, 0, 16, 4, 12, 4]]", "\"segmentation\": 5")),
                "annotation 12", "segmentation");
        assertMentions(readFails(VALID.replace("\"file_name\": \"train/0001.jpg\", ", "")), "image 1", "file_name");
    }

    @Test
    void integralFloatsAreAcceptedAsIds() throws IOException {
        CocoAnnotations coco = CocoAnnotations.read(write(VALID.replace("\"id\": 10,", "\"id\": 10.0,")));
        assertEquals(10, coco.annotationsOf(1).get(0).id());
        assertMentions(readFails(VALID.replace("\"id\": 10,", "\"id\": 10.5,")), "annotations[0]", "id");
    }

    @Test
    void tooDeepJsonStopsTheReader() throws IOException {
        String deep = "[".repeat(200) + "]".repeat(200);
        DeoccException e = readFails(VALID.replace("\"licenses\": []", "\"licenses\": " + deep));
        assertMentions(e, "limit");
    }

    @Test
    void invalidJsonNamesTheLine() throws IOException {
        DeoccException e = readFails(VALID.substring(0, VALID.length() / 2));
        assertMentions(e, "line");
        assertMentions(readFails("{\"images\": [], \"annotations\": [], \"images\": []}"), "images");
        assertMentions(readFails("{\"images\": [], \"annotations\": []} {}"), "after");
    }

    @Test
    void wrongShapesAreRejected() throws IOException {
        assertMentions(readFails("[{\"image_id\": 1}]"), "top level");
        assertMentions(readFails("{\"images\": []}"), "annotations");
        assertMentions(readFails("{\"images\": {}, \"annotations\": []}"), "images", "array");
        assertMentions(readFails("{\"images\": [3], \"annotations\": []}"), "images[0]");
    }

    @Test
    void filesOverTheSizeLimitAreRefused() throws IOException {
        Path file = write(VALID);
        DeoccException e = assertThrows(DeoccException.class, () -> CocoAnnotations.read(file, 100));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertMentions(e, "100 bytes");
    }

    @Test
    void streamsOverTheSizeLimitStopTheReader() {
        byte[] json = VALID.getBytes(StandardCharsets.UTF_8);
        DeoccException e = assertThrows(DeoccException.class, () -> CocoAnnotations.parse(new ByteArrayInputStream(json), "memory", 100));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertMentions(e, "memory", "100 bytes");
        assertEquals(4, CocoAnnotations.parse(new ByteArrayInputStream(json), "memory", json.length).annotations().size());
    }

    @Test
    void missingFileIsFileNotFound() {
        DeoccException e = assertThrows(DeoccException.class, () -> CocoAnnotations.read(dir.resolve("nope.json")));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.errorCode());
        assertMentions(e, "nope.json");
    }

    @Test
    void annotationsBuiltInCodeAreValidatedLikeAFile() {
        CocoImage image = new CocoImage(1, "a.png", 4, 3);
        CocoAnnotation wrongSize = new CocoAnnotation(5, 1, 1, CocoRle.ofCounts(3, 4, new int[] {12}),
                java.util.Optional.empty(), java.util.OptionalDouble.empty(), false);
        DeoccException e = assertThrows(DeoccException.class, () -> CocoAnnotations.of("code", List.of(image), List.of(), List.of(wrongSize)));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertMentions(e, "annotation 5");
        assertThrows(DeoccException.class, () -> CocoAnnotations.read(null));
        assertFalse(CocoAnnotations.of("code", List.of(image), List.of(), List.of()).image(1).isEmpty());
    }
}
