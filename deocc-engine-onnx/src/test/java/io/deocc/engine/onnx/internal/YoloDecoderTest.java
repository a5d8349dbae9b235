package io.deocc.engine.onnx.internal;

import static io.deocc.engine.onnx.internal.YoloTestModels.LEFT_PART;
import static io.deocc.engine.onnx.internal.YoloTestModels.NOTHING;
import static io.deocc.engine.onnx.internal.YoloTestModels.WHOLE_BOX;
import static io.deocc.engine.onnx.internal.YoloTestModels.detections;
import static io.deocc.engine.onnx.internal.YoloTestModels.prototypes;
import static io.deocc.testkit.DeoccAssertions.assertDeoccError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.network.PersonCrop;
import io.deocc.engine.onnx.internal.YoloTestModels.Anchor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link YoloDecoder} on hand-built outputs (no runtime). Expected boxes are derived by hand: on a 64×64
 * image the letterbox is the identity, and a grid pixel belongs to a box when its centre lies inside it.
 */
class YoloDecoderTest {
    private static final YoloDecoder DEFAULTS = decoder(0, 32, 0.0);

    private static YoloDecoder decoder(int personClass, int maxPeople, double minArea) {
        return new YoloDecoder(YoloTestModels.SIZE, personClass, 0.25, 0.45, 0.5, minArea, maxPeople);
    }

    private static List<PersonInstance> people(YoloDecoder decoder, List<Anchor> anchors, int width, int height) {
        return decoder.people(List.of(detections(anchors), prototypes()), decoder.letterbox(width, height));
    }

    private static Anchor person(float cx, float cy, float w, float h, float score, float[] coefficients) {
        return new Anchor(cx, cy, w, h, score, 0f, coefficients);
    }

    @Test
    void nmsSuppressesAnOverlappingLowerScoredBoxAndKeepsASeparateOne() {
        List<Anchor> anchors = List.of(
                person(20, 20, 16, 16, 0.8f, WHOLE_BOX),
                person(21, 21, 16, 16, 0.6f, WHOLE_BOX), // IoU with anchor 0: 225 / 287 = 0.78
                person(48, 48, 12, 12, 0.7f, WHOLE_BOX));
        List<YoloDecoder.Detection> kept = DEFAULTS.suppress(DEFAULTS.candidates(detections(anchors), 2));
        assertEquals(List.of(0, 2), kept.stream().map(YoloDecoder.Detection::anchor).toList());

        List<PersonInstance> people = people(DEFAULTS, anchors, 64, 64);
        assertEquals(2, people.size());
        assertEquals(new Box(12, 12, 16, 16), people.get(0).box());
        assertEquals(new Box(42, 42, 12, 12), people.get(1).box());
        assertEquals(0.8, people.get(0).score(), 1e-6);
        assertEquals(0.7, people.get(1).score(), 1e-6);
        assertEquals(List.of(1, 2), people.stream().map(PersonInstance::id).toList());
    }

    @Test
    void aLowerIouThresholdSuppressesMore() {
        List<Anchor> anchors = List.of(
                person(20, 20, 16, 16, 0.8f, WHOLE_BOX),
                person(28, 20, 16, 16, 0.7f, WHOLE_BOX)); // IoU 128 / 384 = 1/3
        assertEquals(2, DEFAULTS.suppress(DEFAULTS.candidates(detections(anchors), 2)).size());
        YoloDecoder strict = new YoloDecoder(64, 0, 0.25, 0.3, 0.5, 0, 32);
        assertEquals(1, strict.suppress(strict.candidates(detections(anchors), 2)).size());
    }

    @Test
    void nonPersonClassesAreIgnored() {
        List<Anchor> anchors = List.of(
                new Anchor(20, 20, 16, 16, 0.1f, 0.95f, WHOLE_BOX), // another class, confident
                new Anchor(48, 48, 12, 12, 0.6f, 0.9f, WHOLE_BOX)); // person above threshold, but best as the other
        assertTrue(people(DEFAULTS, anchors, 64, 64).isEmpty());

        // the same outputs with class 1 as the person class find both
        List<PersonInstance> classOne = people(decoder(1, 32, 0), anchors, 64, 64);
        assertEquals(2, classOne.size());
        assertEquals(0.95, classOne.get(0).score(), 1e-6);
        assertEquals(new Box(12, 12, 16, 16), classOne.get(0).box());
    }

    @Test
    void belowTheScoreThresholdIsNobody() {
        assertTrue(people(DEFAULTS, List.of(person(20, 20, 16, 16, 0.24f, WHOLE_BOX)), 64, 64).isEmpty());
        assertEquals(1, people(DEFAULTS, List.of(person(20, 20, 16, 16, 0.25f, WHOLE_BOX)), 64, 64).size());
    }

    @Test
    void theMaskIsCroppedToItsBox() {
        // the prototypes say "everywhere", so the box alone bounds the mask: grid x 10..29, y 20..49
        PersonInstance whole = people(DEFAULTS, List.of(person(20, 35, 20, 30, 0.9f, WHOLE_BOX)), 64, 64).get(0);
        assertEquals(BinaryMask.ofBox(64, 64, new Box(10, 20, 20, 30)), whole.visibleMask());

        // "left half" (prototype columns 0..7) inside a box spanning x 20..43: bilinear upsampling puts the
        // edge between grid columns 31 (0.625 on) and 32 (0.375 on)
        PersonInstance left = people(DEFAULTS, List.of(person(32, 32, 24, 48, 0.9f, LEFT_PART)), 64, 64).get(0);
        assertEquals(BinaryMask.ofBox(64, 64, new Box(20, 8, 12, 48)), left.visibleMask());
        assertEquals(new Box(20, 8, 12, 48), left.box());
    }

    @Test
    void aMaskThresholdOfZeroStillStopsAtTheBox() {
        YoloDecoder everything = new YoloDecoder(64, 0, 0.25, 0.45, 0.0, 0, 32);
        PersonInstance person = people(everything, List.of(person(32, 32, 10, 6, 0.9f, NOTHING)), 64, 64).get(0);
        assertEquals(BinaryMask.ofBox(64, 64, new Box(27, 29, 10, 6)), person.visibleMask());
    }

    @Test
    void theLetterboxMapsTheMaskBackToThePersonInAPortraitImage() {
        // 64×128: the letterbox window is 128 square at (-32, 0), 2 image pixels per grid pixel; grid box
        // x 24..40, y 8..40 is image x 16..47, y 16..79
        PersonInstance person = people(DEFAULTS, List.of(person(32, 24, 16, 32, 0.9f, WHOLE_BOX)), 64, 128).get(0);
        assertEquals(64, person.width());
        assertEquals(128, person.height());
        assertEquals(new Box(16, 16, 32, 64), person.box());
        assertEquals(BinaryMask.ofBox(64, 128, new Box(16, 16, 32, 64)), person.visibleMask());
    }

    @Test
    void theLetterboxMapsTheMaskBackToThePersonInALandscapeImage() {
        // 128×64: window at (0, -32); grid box x 42..54, y 22..42 is image x 84..107, y 12..51
        PersonInstance person = people(DEFAULTS, List.of(person(48, 32, 12, 20, 0.9f, WHOLE_BOX)), 128, 64).get(0);
        assertEquals(new Box(84, 12, 24, 40), person.box());
        assertEquals(24 * 40, person.visibleMask().area());
    }

    @Test
    void aBoxInTheLetterboxPaddingIsNobody() {
        // 128×64: grid rows 0..15 lie above the image; a box in rows 2..12 has no image pixel
        assertTrue(people(DEFAULTS, List.of(person(32, 7, 10, 10, 0.9f, WHOLE_BOX)), 128, 64).isEmpty());
    }

    @Test
    void detectionsWithEmptyMasksAreSkippedAndIdsStayConsecutive() {
        List<Anchor> anchors = List.of(
                person(16, 16, 10, 10, 0.9f, NOTHING),
                person(48, 48, 10, 10, 0.8f, WHOLE_BOX),
                person(16, 48, 10, 10, 0.7f, WHOLE_BOX));
        List<PersonInstance> people = people(DEFAULTS, anchors, 64, 64);
        assertEquals(2, people.size());
        assertEquals(List.of(1, 2), people.stream().map(PersonInstance::id).toList());
        assertEquals(new Box(43, 43, 10, 10), people.get(0).box());
        assertEquals(new Box(11, 43, 10, 10), people.get(1).box());
    }

    @Test
    void maxPeopleKeepsTheBestScoredAndMinAreaDropsSmallMasks() {
        List<Anchor> anchors = List.of(
                person(10, 10, 8, 8, 0.5f, WHOLE_BOX),
                person(30, 10, 8, 8, 0.9f, WHOLE_BOX),
                person(50, 10, 8, 8, 0.7f, WHOLE_BOX),
                person(30, 40, 4, 4, 0.95f, WHOLE_BOX)); // 16 pixels
        List<PersonInstance> two = people(decoder(0, 2, 0), anchors, 64, 64);
        assertEquals(List.of(0.95, 0.9), two.stream().map(p -> Math.round(p.score() * 100) / 100.0).toList());

        // 64 pixels of 4096 are 0.0156; 16 pixels are below 0.01
        List<PersonInstance> large = people(decoder(0, 2, 0.01), anchors, 64, 64);
        assertEquals(List.of(new Box(26, 6, 8, 8), new Box(46, 6, 8, 8)), large.stream().map(PersonInstance::box).toList());
    }

    @Test
    void outputsAreToldApartByRankNotOrder() {
        List<Anchor> anchors = List.of(person(20, 20, 16, 16, 0.8f, WHOLE_BOX));
        PersonCrop letterbox = DEFAULTS.letterbox(64, 64);
        assertEquals(DEFAULTS.people(List.of(detections(anchors), prototypes()), letterbox),
                DEFAULTS.people(List.of(prototypes(), detections(anchors)), letterbox));
    }

    @Test
    void outputsOfTheWrongShapeAreModelInvalid() {
        FloatTensor detections = detections(List.of(person(20, 20, 16, 16, 0.8f, WHOLE_BOX)));
        PersonCrop letterbox = DEFAULTS.letterbox(64, 64);
        assertDeoccError(ErrorCode.MODEL_INVALID, () -> DEFAULTS.people(List.of(detections), letterbox), "one output");
        assertDeoccError(ErrorCode.MODEL_INVALID, () -> DEFAULTS.people(List.of(detections, detections), letterbox),
                "two rank-3 outputs");
        // 8 values per anchor with 4 prototypes leave no class score
        FloatTensor fourPrototypes = FloatTensor.of(new float[4 * 16 * 16], 1, 4, 16, 16);
        String message = assertDeoccError(ErrorCode.MODEL_INVALID,
                () -> DEFAULTS.people(List.of(detections, fourPrototypes), letterbox), "M mismatch").getMessage();
        assertTrue(message.contains("[1, 8, 1]") && message.contains("[1, 4, 16, 16]"), message);
        // two classes: class 2 does not exist
        String noClass = assertDeoccError(ErrorCode.MODEL_INVALID,
                () -> people(decoder(2, 32, 0), List.of(person(20, 20, 16, 16, 0.8f, WHOLE_BOX)), 64, 64), "class 2")
                .getMessage();
        assertTrue(noClass.contains("person-class from 0 to 1"), noClass);
    }

    @Test
    void aNonFiniteMaskIsModelInvalid() {
        List<Anchor> anchors = List.of(person(20, 20, 16, 16, 0.8f, new float[] {Float.NaN, 0}));
        String message = assertDeoccError(ErrorCode.MODEL_INVALID, () -> people(DEFAULTS, anchors, 64, 64), "NaN")
                .getMessage();
        assertTrue(message.contains("anchor 0"), message);
    }

    @Test
    void theLetterboxMustBeTheNetworksSize() {
        PersonCrop other = PersonCrop.letterbox(64, 64, 32);
        assertDeoccError(ErrorCode.INVALID_ARGUMENT,
                () -> DEFAULTS.people(List.of(detections(List.of(person(20, 20, 16, 16, 0.8f, WHOLE_BOX))), prototypes()), other),
                "a 32 letterbox");
    }

    @Test
    void theInputIsTheLetterboxedImagePaddedGrey() {
        // 64×32 white: letterbox window 64 square at (0, -16); grid rows 16..47 are the image
        int[] white = new int[64 * 32];
        Arrays.fill(white, 0xFFFFFF);
        RgbImage image = RgbImage.of(64, 32, white);
        FloatTensor input = DEFAULTS.input(image, DEFAULTS.letterbox(64, 32));
        assertTrue(input.hasShape(1, 3, 64, 64));
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 64; v++) {
                float expected = v >= 16 && v < 48 ? 1f : YoloDecoder.PADDING;
                for (int u = 0; u < 64; u += 9) {
                    assertEquals(expected, input.get((c * 64 + v) * 64 + u), 1e-6, "channel " + c + " row " + v + " column " + u);
                }
            }
        }
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertDeoccError(ErrorCode.INVALID_ARGUMENT, () -> new YoloDecoder(64, 0, 1.5, 0.45, 0.5, 0, 32), "score 1.5");
        assertDeoccError(ErrorCode.INVALID_ARGUMENT, () -> new YoloDecoder(64, -1, 0.25, 0.45, 0.5, 0, 32), "class -1");
        assertDeoccError(ErrorCode.INVALID_ARGUMENT, () -> new YoloDecoder(64, 0, 0.25, 0.45, 0.5, 0, 0), "0 people");
    }
}
