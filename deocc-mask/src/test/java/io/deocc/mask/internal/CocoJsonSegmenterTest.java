package io.deocc.mask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.Stage;
import io.deocc.mask.coco.CocoRle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoJsonSegmenterTest {
    private static final RgbImage STREET = RgbImage.filled(20, 10, 0x336699);
    private static final RgbImage PARK = RgbImage.filled(12, 12, 0x339966);
    private static final BinaryMask WALKER = BinaryMask.ofBox(20, 10, new Box(2, 1, 3, 8));

    @TempDir
    Path dir;
    private Path annotations;

    /**
     * Image 1 (street, 20x10): person 100 (RLE, score 0.95), person 101 (polygon 10x10 square,
     * score 0.4), a car 102, a crowd 103, person 104 whose polygon lies outside the image.
     * Image 2 (park, 12x12): person 200.
     */
    @BeforeEach
    void writeAnnotations() throws IOException {
        String walker = CocoRle.encode(WALKER).toCompressedString().replace("\\", "\\\\");
        String json = """
                {
                  "images": [
                    {"id": 1, "file_name": "city/street.jpg", "width": 20, "height": 10},
                    {"id": 2, "file_name": "park.jpg", "width": 12, "height": 12}
                  ],
                  "categories": [{"id": 1, "name": "person"}, {"id": 3, "name": "car"}],
                  "annotations": [
                    {"id": 100, "image_id": 1, "category_id": 1, "segmentation": {"size": [10, 20], "counts": "%s"}, "score": 0.95, "iscrowd": 0},
                    {"id": 101, "image_id": 1, "category_id": 1, "segmentation": [[10, 0, 20, 0, 20, 10, 10, 10]], "score": 0.4, "iscrowd": 0},
                    {"id": 102, "image_id": 1, "category_id": 3, "segmentation": [[0, 0, 2, 0, 2, 2, 0, 2]], "iscrowd": 0},
                    {"id": 103, "image_id": 1, "category_id": 1, "segmentation": {"size": [10, 20], "counts": [0, 200]}, "iscrowd": 1},
                    {"id": 104, "image_id": 1, "category_id": 1, "segmentation": [[30, 30, 40, 30, 40, 40]], "iscrowd": 0},
                    {"id": 200, "image_id": 2, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 5, 1, 5]], "iscrowd": 0}
                  ]
                }
                """.formatted(walker);
        annotations = dir.resolve("instances.json");
        Files.writeString(annotations, json);
    }

    private final CocoJsonSegmenterFactory factory = new CocoJsonSegmenterFactory();

    private Segmenter create(Map<String, String> extra) {
        return create(extra, PluginContext.defaults());
    }

    private Segmenter create(Map<String, String> extra, PluginContext context) {
        Map<String, String> config = new HashMap<>(extra);
        config.putIfAbsent("annotations", annotations.toString());
        return factory.create(ComponentConfig.of(config), context);
    }

    private static SegmentationRequest named(RgbImage image, String name) {
        return new SegmentationRequest(image, Optional.of(name), List.of());
    }

    @Test
    void descriptorDescribesAThreadSafeJavaSegmenter() {
        assertEquals("coco-json", factory.name());
        assertEquals(factory.name(), factory.descriptor().name());
        assertEquals(Stage.SEGMENTATION, factory.descriptor().stage());
        assertEquals("coco", factory.descriptor().backbone());
        assertEquals("java", factory.descriptor().engine());
        assertTrue(factory.descriptor().threadSafe());
    }

    @Test
    void peopleOfTheNamedImageSkippingCrowdsEmptyMasksAndOtherCategories() {
        try (Segmenter segmenter = create(Map.of())) {
            List<PersonInstance> people = segmenter.segment(named(STREET, "/photos/street.jpg"));
            assertEquals(2, people.size());
            assertEquals(1, people.get(0).id());
            assertEquals(WALKER, people.get(0).visibleMask());
            assertEquals(0.95, people.get(0).score());
            assertEquals(2, people.get(1).id());
            assertEquals(BinaryMask.ofBox(20, 10, new Box(10, 0, 10, 10)), people.get(1).visibleMask());
            assertEquals(new Box(10, 0, 10, 10), people.get(1).box());
            assertEquals(0.4, people.get(1).score());
        }
    }

    @Test
    void minScoreDropsWeakDetections() {
        try (Segmenter segmenter = create(Map.of("min-score", "0.5"))) {
            List<PersonInstance> people = segmenter.segment(named(STREET, "city/street.jpg"));
            assertEquals(List.of(WALKER), people.stream().map(PersonInstance::visibleMask).toList());
        }
    }

    @Test
    void categoryByNameOrId() {
        for (String category : List.of("car", "3")) {
            try (Segmenter segmenter = create(Map.of("category", category))) {
                List<PersonInstance> cars = segmenter.segment(named(STREET, "street.jpg"));
                assertEquals(List.of(BinaryMask.ofBox(20, 10, new Box(0, 0, 2, 2))), cars.stream().map(PersonInstance::visibleMask).toList());
            }
        }
        DeoccException e = assertThrows(DeoccException.class, () -> create(Map.of("category", "bicycle")));
        assertEquals(ErrorCode.INVALID_CONFIG, e.errorCode());
        assertTrue(e.getMessage().contains("car"), "lists the categories: " + e.getMessage());
    }

    @Test
    void configuredImageIdWinsOverTheName() {
        try (Segmenter segmenter = create(Map.of("image-id", "2"))) {
            List<PersonInstance> people = segmenter.segment(named(PARK, "street.jpg"));
            assertEquals(List.of(BinaryMask.ofBox(12, 12, new Box(1, 1, 4, 4))), people.stream().map(PersonInstance::visibleMask).toList());
            assertEquals(1, segmenter.segment(SegmentationRequest.of(PARK)).size());
        }
    }

    @Test
    void unknownImageIdIsRejectedAtCreationListingImages() {
        DeoccException e = assertThrows(DeoccException.class, () -> create(Map.of("image-id", "7")));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("7") && e.getMessage().contains("park.jpg"), e.getMessage());
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> create(Map.of("image-id", "seven"))).errorCode());
    }

    @Test
    void unknownImageNameListsAvailableNames() {
        try (Segmenter segmenter = create(Map.of())) {
            DeoccException e = assertThrows(DeoccException.class, () -> segmenter.segment(named(STREET, "beach.jpg")));
            assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
            assertTrue(e.getMessage().contains("beach.jpg") && e.getMessage().contains("city/street.jpg"), e.getMessage());
        }
    }

    @Test
    void withoutANameSeveralImagesAreAmbiguous() {
        try (Segmenter segmenter = create(Map.of())) {
            DeoccException e = assertThrows(DeoccException.class, () -> segmenter.segment(SegmentationRequest.of(STREET)));
            assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
            assertTrue(e.getMessage().contains("image-id"), e.getMessage());
        }
    }

    @Test
    void withoutANameTheOnlyImageIsUsed() throws IOException {
        Files.writeString(annotations, """
                {"images": [{"id": 5, "file_name": "one.png", "width": 12, "height": 12}],
                 "annotations": [{"id": 1, "image_id": 5, "category_id": 1, "segmentation": [[0, 0, 3, 0, 3, 3, 0, 3]]}]}
                """);
        try (Segmenter segmenter = create(Map.of())) {
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(PARK));
            assertEquals(List.of(BinaryMask.ofBox(12, 12, new Box(0, 0, 3, 3))), people.stream().map(PersonInstance::visibleMask).toList());
        }
    }

    @Test
    void imageOfAnotherSizeIsASizeMismatch() {
        try (Segmenter segmenter = create(Map.of())) {
            DeoccException e = assertThrows(DeoccException.class, () -> segmenter.segment(named(PARK, "street.jpg")));
            assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
            assertTrue(e.getMessage().contains("20x10") && e.getMessage().contains("12x12"), e.getMessage());
        }
    }

    @Test
    void morePeopleThanTheLimitIsRefused() {
        try (Segmenter segmenter = create(Map.of(), PluginContext.of(ResourceLimits.defaults().withMaxPeople(1)))) {
            assertEquals(ErrorCode.TOO_MANY_PEOPLE,
                    assertThrows(DeoccException.class, () -> segmenter.segment(named(STREET, "street.jpg"))).errorCode());
            assertEquals(1, segmenter.segment(named(PARK, "park.jpg")).size());
        }
    }

    @Test
    void badAnnotationFailsCreationNamingItsId() throws IOException {
        Files.writeString(annotations, Files.readString(annotations).replace("[[1, 1, 5, 1, 5, 5, 1, 5]]", "[[1, 1, 5]]"));
        DeoccException e = assertThrows(DeoccException.class, () -> create(Map.of()));
        assertEquals(ErrorCode.ANNOTATION_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("annotation 200"), e.getMessage());
    }

    @Test
    void configIsValidated() {
        DeoccException missing = assertThrows(DeoccException.class, () -> factory.create(ComponentConfig.empty(), PluginContext.defaults()));
        assertEquals(ErrorCode.INVALID_CONFIG, missing.errorCode());
        assertTrue(missing.getMessage().contains("annotations"), missing.getMessage());
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> create(Map.of("min-score", "1.5"))).errorCode());
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> create(Map.of("image", "1"))).errorCode());
        assertEquals(ErrorCode.FILE_NOT_FOUND, assertThrows(DeoccException.class,
                () -> create(Map.of("annotations", dir.resolve("none.json").toString()))).errorCode());
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> create(Map.of("max-file-mb", "0"))).errorCode());
    }

    @Test
    void closedSegmenterAndNullRequestFail() {
        Segmenter segmenter = create(Map.of());
        assertThrows(DeoccException.class, () -> segmenter.segment(null));
        segmenter.close();
        segmenter.close();
        assertEquals(ErrorCode.COMPONENT_CLOSED,
                assertThrows(DeoccException.class, () -> segmenter.segment(named(STREET, "street.jpg"))).errorCode());
    }
}
