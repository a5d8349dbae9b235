package io.deocc.engine.djl.internal;

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
import io.deocc.model.BackboneSpec;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.api.network.Normalisation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segmenter with the hand-set red detector of {@link SegmenterModels}: a pixel is a person exactly
 * when its red is above one half, so every expected segmentation below is derived from the drawn
 * rectangles. Rectangles lie on even coordinates and are at least 4 pixels apart: at the 2× letterbox
 * scale used (an image side of 128 on the 64-pixel grid) bilinear down- and up-sampling then give every
 * border pixel a probability of at least 0.56 inside and at most 0.25 outside, so the round trip is exact.
 */
class DjlSegmenterTest {
    private static final int RED = 0xFF0000;
    private final DjlSegmenterFactory factory = new DjlSegmenterFactory();

    @TempDir
    Path dir;

    // ---- the model card ----

    @Test
    void aCardForAnotherStageIsRejectedNamingTheField() {
        Path card = SegmenterModels.saveRandom(dir, "mask", Stage.MASK_COMPLETION, SegmenterModels.SPEC);
        DeoccException e = assertCreateFails(Map.of("model", card.toString()), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("is for stage mask-completion"), e.getMessage());
        assertTrue(e.getMessage().contains("serves segmentation"), e.getMessage());
    }

    @Test
    void aCardWithFourInputChannelsIsRejectedNamingTheField() {
        Path card = SegmenterModels.saveRandom(dir, "rgbm", Stage.SEGMENTATION, new BackboneSpec(4, 1, 1, 1));
        DeoccException e = assertCreateFails(Map.of("model", card.toString()), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("the spec has 4 and 1"), e.getMessage());
        assertTrue(e.getMessage().contains("3 input channels (red, green, blue)"), e.getMessage());
    }

    @Test
    void aCardWithTwoOutputChannelsIsRejectedNamingTheField() {
        Path card = SegmenterModels.saveRandom(dir, "two", Stage.SEGMENTATION, new BackboneSpec(3, 2, 1, 1));
        DeoccException e = assertCreateFails(Map.of("model", card.toString()), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("the spec has 3 and 2"), e.getMessage());
    }

    @Test
    void aCardNamingAnUnboundBackboneIsRejectedListingTheBoundOnes() throws IOException {
        Path card = renamedBackbone("no-such-net");
        DeoccException e = assertCreateFails(Map.of("model", card.toString()), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("names backbone 'no-such-net'"), e.getMessage());
        assertTrue(e.getMessage().contains(UNetBackbone.NAME), e.getMessage());
    }

    @Test
    void aCardWhoseBackboneCannotTakeRgbIsModelInvalid() throws IOException {
        // the stacked network is bound but takes 4 channels and gives 2
        Path card = renamedBackbone(StackedMaskBackbone.NAME);
        DeoccException e = assertCreateFails(Map.of("model", card.toString()), ErrorCode.MODEL_INVALID);
        assertTrue(e.getMessage().contains("backbone '" + StackedMaskBackbone.NAME + "' completes masks"), e.getMessage());
    }

    @Test
    void aMissingModelSettingIsInvalidConfigSayingWhatToGive() {
        DeoccException e = assertCreateFails(Map.of("threshold", "0.5"), ErrorCode.INVALID_CONFIG);
        assertTrue(e.getMessage().contains("'model'") && e.getMessage().contains(".card.json"), e.getMessage());
    }

    @Test
    void outOfRangeSettingsAreInvalidConfig() {
        String card = SegmenterModels.redDetector().toString();
        assertCreateFails(Map.of("model", card, "threshold", "1.5"), ErrorCode.INVALID_CONFIG);
        assertCreateFails(Map.of("model", card, "min-area", "-0.1"), ErrorCode.INVALID_CONFIG);
        assertCreateFails(Map.of("model", card, "max-people", "0"), ErrorCode.INVALID_CONFIG);
        assertCreateFails(Map.of("model", card, "threads", "0"), ErrorCode.INVALID_CONFIG);
        // max-people may not exceed the context's limit
        DeoccException e = assertThrows(DeoccException.class, () -> factory.create(
                ComponentConfig.of(Map.of("model", card, "max-people", "5")), context(ResourceLimits.defaults().withMaxPeople(4))));
        assertEquals(ErrorCode.INVALID_CONFIG, e.errorCode(), e.getMessage());
    }

    @Test
    void theCreatedSegmenterReportsTheCardsBackboneAndSize() {
        try (Segmenter segmenter = create(Map.of())) {
            assertEquals(UNetBackbone.NAME, segmenter.descriptor().backbone());
            assertEquals(SegmenterModels.INPUT_SIZE, segmenter.descriptor().inputSize());
            assertEquals(Stage.SEGMENTATION, segmenter.descriptor().stage());
            assertTrue(segmenter.descriptor().threadSafe());
        }
        assertEquals(0, factory.descriptor().inputSize(), "the factory cannot know the card's size");
        assertTrue(factory.defaultPriority() < 0, "never the default while no weights ship");
    }

    // ---- the letterbox round trip ----

    @Test
    void aLandscapeImageGivesItsRedRectanglesBackAtFullSize() {
        // 128x80: padded by 24 rows above and below; one rectangle touches the top and left borders
        List<Box> boxes = List.of(new Box(0, 0, 30, 20), new Box(60, 30, 40, 50), new Box(110, 10, 18, 12));
        assertSegmentsAre(128, 80, boxes);
    }

    @Test
    void aPortraitImageGivesItsRedRectanglesBackAtFullSize() {
        // 80x128: padded by 24 columns left and right; one rectangle touches the bottom and right borders
        List<Box> boxes = List.of(new Box(10, 6, 20, 40), new Box(50, 90, 30, 38), new Box(4, 100, 12, 8));
        assertSegmentsAre(80, 128, boxes);
    }

    @Test
    void anImageAtTheGridsScaleIsCopiedOneToOne() {
        // 64x40 on the 64 grid: scale 1, so odd coordinates and 1-pixel gaps survive too
        List<Box> boxes = List.of(new Box(3, 5, 21, 17), new Box(25, 5, 9, 30), new Box(41, 33, 23, 7));
        assertSegmentsAre(64, 40, boxes);
    }

    @Test
    void anOddScaleStillFindsEachRectangleClosely() {
        // 100x60 on the 64 grid: scale 0.64, so borders may move by a pixel; the rectangles are 20 pixels apart
        Box left = new Box(10, 10, 30, 40);
        Box right = new Box(60, 20, 24, 24);
        try (Segmenter segmenter = create(Map.of())) {
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(image(100, 60, List.of(left, right), RED)));
            assertEquals(2, people.size(), people.toString());
            assertNear(left, people.get(0));
            assertNear(right, people.get(1));
        }
    }

    // ---- instances ----

    @Test
    void peopleAreOrderedByAreaLargestFirstWithIdsOneToN() {
        // raster order is small, large, medium; the ids follow area instead
        Box small = new Box(4, 4, 10, 10);
        Box large = new Box(40, 10, 40, 40);
        Box medium = new Box(90, 40, 20, 30);
        try (Segmenter segmenter = create(Map.of())) {
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(image(128, 80, List.of(small, large, medium), RED)));
            assertEquals(List.of(1, 2, 3), people.stream().map(PersonInstance::id).toList());
            assertEquals(List.of(large, medium, small), people.stream().map(PersonInstance::box).toList());
            for (PersonInstance person : people) {
                assertTrue(person.score() > 0.5 && person.score() <= 1.0, "score " + person.score());
                assertTrue(person.parsing().isEmpty());
            }
        }
    }

    @Test
    void minAreaDropsSmallRegions() {
        // 128x80 = 10240 pixels: the 6x6 block (36) passes the default 0.002 (21 pixels), not 0.01 (103)
        Box large = new Box(10, 10, 40, 30);
        Box medium = new Box(70, 20, 20, 20);
        Box tiny = new Box(110, 60, 6, 6);
        RgbImage image = image(128, 80, List.of(large, medium, tiny), RED);
        try (Segmenter byDefault = create(Map.of()); Segmenter strict = create(Map.of("min-area", "0.01"))) {
            assertEquals(List.of(large, medium, tiny), boxes(byDefault.segment(SegmentationRequest.of(image))));
            assertEquals(List.of(large, medium), boxes(strict.segment(SegmentationRequest.of(image))));
        }
    }

    @Test
    void maxPeopleKeepsTheLargest() {
        Box a = new Box(4, 4, 10, 10);
        Box b = new Box(40, 10, 40, 40);
        Box c = new Box(90, 40, 20, 30);
        try (Segmenter segmenter = create(Map.of("max-people", "2"))) {
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(image(128, 80, List.of(a, b, c), RED)));
            assertEquals(List.of(b, c), boxes(people));
            assertEquals(List.of(1, 2), people.stream().map(PersonInstance::id).toList());
        }
    }

    @Test
    void anImageWithNobodyGivesAnEmptyList() {
        try (Segmenter segmenter = create(Map.of())) {
            assertEquals(List.of(), segmenter.segment(SegmentationRequest.of(image(96, 64, List.of(), RED))));
            // blue and green do not excite the red detector
            assertEquals(List.of(), segmenter.segment(SegmentationRequest.of(image(96, 64, List.of(new Box(10, 10, 40, 40)), 0x00FFFF))));
        }
    }

    @Test
    void theThresholdAppliesToProbabilitiesAtFullSize() {
        // red 102/255 = 0.4: logit 20 * 0.4 - 10 = -2, probability 0.12 inside, below 0.5. At 0.05 the
        // region comes back whole only if the cut follows the bilinear mapping back: its inner border gets
        // 0.75 * 0.12 = 0.09 (corners 0.56 * 0.12 = 0.067), the pixels just outside 0.25 * 0.12 = 0.03
        Box dim = new Box(20, 20, 40, 30);
        RgbImage image = image(128, 80, List.of(dim), 0x660000);
        try (Segmenter usual = create(Map.of()); Segmenter low = create(Map.of("threshold", "0.05"))) {
            assertEquals(List.of(), usual.segment(SegmentationRequest.of(image)));
            assertEquals(List.of(dim), boxes(low.segment(SegmentationRequest.of(image))));
        }
    }

    @Test
    void aLowThresholdWidensARegionByTheBilinearRampNotByWholeGridPixels() {
        // at 2x, the pixel just outside a bright box's edge gets 0.25 of the inside probability (0.25 * 0.75
        // = 0.1875 next to a corner, where the box's own border row or column is at 0.75) and the pixel
        // diagonally outside a corner 0.25 * 0.25 = 0.0625: a 0.15 cut adds a one-pixel ring without its four
        // corners, which a threshold on the 64-pixel grid followed by nearest-neighbour pasting could not give
        Box bright = new Box(20, 20, 40, 30);
        Box ring = new Box(19, 19, 42, 32);
        BinaryMask expected = BinaryMask.fromIndex(128, 80, i -> {
            int x = i % 128;
            int y = i / 128;
            boolean inRing = x >= ring.x() && x < ring.maxX() && y >= ring.y() && y < ring.maxY();
            boolean corner = (x == ring.x() || x == ring.maxX() - 1) && (y == ring.y() || y == ring.maxY() - 1);
            return inRing && !corner;
        });
        try (Segmenter segmenter = create(Map.of("threshold", "0.15"))) {
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(image(128, 80, List.of(bright), RED)));
            assertEquals(1, people.size(), people.toString());
            assertEquals(expected, people.get(0).visibleMask());
        }
    }

    @Test
    void theCardsNormalisationIsApplied() {
        // std 0.5 on red doubles it: 0.4 becomes 0.8, logit 6, so the dim region becomes a person
        Path card = SegmenterModels.saveRedDetector(dir, "scaled",
                Normalisation.perChannel(List.of(0.0, 0.0, 0.0), List.of(0.5, 1.0, 1.0)));
        Box dim = new Box(20, 20, 40, 30);
        try (Segmenter segmenter = factory.create(ComponentConfig.of(Map.of("model", card.toString(), "threads", "2")),
                PluginContext.defaults())) {
            assertEquals(List.of(dim), boxes(segmenter.segment(SegmentationRequest.of(image(128, 80, List.of(dim), 0x660000)))));
        }
    }

    // ---- inputs and resources ----

    @Test
    void badRequestsAreRejected() {
        try (Segmenter segmenter = create(Map.of())) {
            assertThrows(DeoccException.class, () -> segmenter.segment(null));
        }
        try (Segmenter tight = factory.create(ComponentConfig.of(Map.of("model", SegmenterModels.redDetector().toString(),
                "threads", "2")), context(ResourceLimits.defaults().withMaxImagePixels(1000)))) {
            DeoccException e = assertThrows(DeoccException.class,
                    () -> tight.segment(SegmentationRequest.of(image(64, 40, List.of(), RED))));
            assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.errorCode(), e.getMessage());
        }
    }

    @Test
    void callsLeaveNoArraysBehind() {
        RgbImage image = image(128, 80, List.of(new Box(10, 10, 40, 30)), RED);
        try (Segmenter segmenter = create(Map.of())) {
            DjlSegmenter djl = (DjlSegmenter) segmenter;
            int before = djl.liveArrays();
            segmenter.segment(SegmentationRequest.of(image));
            segmenter.segment(SegmentationRequest.of(image));
            assertEquals(before, djl.liveArrays(), "each call frees its own arrays");
        }
    }

    // ---- helpers ----

    private void assertSegmentsAre(int width, int height, List<Box> boxes) {
        try (Segmenter segmenter = create(Map.of())) {
            List<PersonInstance> people = segmenter.segment(SegmentationRequest.of(image(width, height, boxes, RED)));
            List<Box> byArea = boxes.stream().sorted((p, q) -> Long.compare(q.area(), p.area())).toList();
            assertEquals(byArea.size(), people.size(), people.toString());
            for (int i = 0; i < people.size(); i++) {
                PersonInstance person = people.get(i);
                assertEquals(width, person.width());
                assertEquals(height, person.height());
                assertEquals(BinaryMask.ofBox(width, height, byArea.get(i)), person.visibleMask(), "person " + person.id());
                assertEquals(byArea.get(i), person.box());
            }
        }
    }

    private static void assertNear(Box expected, PersonInstance person) {
        BinaryMask truth = BinaryMask.ofBox(person.width(), person.height(), expected);
        double iou = truth.iou(person.visibleMask());
        assertTrue(iou > 0.9, "IoU " + iou + " of " + person.box() + " with " + expected);
        Box got = person.box();
        assertTrue(Math.abs(got.x() - expected.x()) <= 1 && Math.abs(got.y() - expected.y()) <= 1
                && Math.abs(got.maxX() - expected.maxX()) <= 1 && Math.abs(got.maxY() - expected.maxY()) <= 1,
                got + " vs " + expected);
    }

    private static List<Box> boxes(List<PersonInstance> people) {
        return people.stream().map(PersonInstance::box).toList();
    }

    /** A black image with the boxes filled in {@code colour}. */
    static RgbImage image(int width, int height, List<Box> boxes, int colour) {
        int[] pixels = new int[width * height];
        for (Box box : boxes) {
            for (int y = box.y(); y < box.maxY(); y++) {
                for (int x = box.x(); x < box.maxX(); x++) {
                    pixels[y * width + x] = colour;
                }
            }
        }
        return RgbImage.of(width, height, pixels);
    }

    /** The red detector's card naming another backbone, beside the same weights. */
    private Path renamedBackbone(String backbone) throws IOException {
        Path valid = SegmenterModels.saveRedDetector(dir, "red", Normalisation.UNIT);
        Path renamed = dir.resolve("renamed" + ModelFiles.CARD_SUFFIX);
        Files.writeString(renamed, ModelCard.read(valid).withBackbone(backbone).toJson());
        return renamed;
    }

    private static PluginContext context(ResourceLimits limits) {
        return PluginContext.of(limits);
    }

    private Segmenter create(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("model", SegmenterModels.redDetector().toString());
        settings.put("threads", "2");
        return factory.create(ComponentConfig.of(settings), PluginContext.defaults());
    }

    private DeoccException assertCreateFails(Map<String, String> settings, ErrorCode code) {
        DeoccException e = assertThrows(DeoccException.class,
                () -> factory.create(ComponentConfig.of(settings), PluginContext.defaults()).close());
        assertEquals(code, e.errorCode(), e.getMessage());
        return e;
    }
}
