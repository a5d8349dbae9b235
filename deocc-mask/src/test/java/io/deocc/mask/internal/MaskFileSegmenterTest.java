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
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.Stage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskFileSegmenterTest {
    private static final int W = 8;
    private static final int H = 6;
    private static final RgbImage IMAGE = RgbImage.filled(W, H, 0x808080);
    private static final BinaryMask LEFT = BinaryMask.ofBox(W, H, new Box(1, 1, 2, 4));
    private static final BinaryMask RIGHT = BinaryMask.ofBox(W, H, new Box(5, 0, 3, 6)); // touches the border

    @TempDir
    Path dir;

    private final MaskFileSegmenterFactory factory = new MaskFileSegmenterFactory();

    private Segmenter create(Map<String, String> config) {
        return factory.create(ComponentConfig.of(config), PluginContext.defaults());
    }

    private static SegmentationRequest request(Path... masks) {
        return new SegmentationRequest(IMAGE, Optional.empty(), List.of(masks));
    }

    private Path maskPng(String name, BinaryMask mask) {
        Path file = dir.resolve(name);
        ImageFiles.writePng(mask, file);
        return file;
    }

    /** An 8-bit grey PNG whose pixel values are the given labels, row-major. */
    private Path labelPng(String name, int width, int height, int... labels) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, labels);
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static int[] labelsOf(BinaryMask... masks) {
        int[] labels = new int[W * H];
        for (int m = 0; m < masks.length; m++) {
            for (int i = 0; i < labels.length; i++) {
                if (masks[m].get(i)) {
                    labels[i] = m + 1;
                }
            }
        }
        return labels;
    }

    @Test
    void descriptorDescribesAThreadSafeJavaSegmenter() {
        assertEquals("mask-file", factory.name());
        assertEquals(factory.name(), factory.descriptor().name());
        assertEquals(Stage.SEGMENTATION, factory.descriptor().stage());
        assertEquals("files", factory.descriptor().backbone());
        assertEquals("java", factory.descriptor().engine());
        assertTrue(factory.descriptor().threadSafe());
    }

    @Test
    void onePngPerPersonGivesPeopleInFileOrder() {
        try (Segmenter segmenter = create(Map.of())) {
            List<PersonInstance> people = segmenter.segment(request(maskPng("a.png", LEFT), maskPng("b.png", RIGHT)));
            assertEquals(2, people.size());
            assertEquals(1, people.get(0).id());
            assertEquals(LEFT, people.get(0).visibleMask());
            assertEquals(new Box(1, 1, 2, 4), people.get(0).box());
            assertEquals(2, people.get(1).id());
            assertEquals(RIGHT, people.get(1).visibleMask(), "a person touching the border is kept");
        }
    }

    @Test
    void singleBinaryPngIsOnePersonInAutoFormat() {
        try (Segmenter segmenter = create(Map.of())) {
            List<PersonInstance> people = segmenter.segment(request(maskPng("only.png", LEFT)));
            assertEquals(1, people.size());
            assertEquals(LEFT, people.get(0).visibleMask());
        }
    }

    @Test
    void singleLabelPngIsSplitIntoPeopleInAutoFormat() throws IOException {
        Path labels = labelPng("labels.png", W, H, labelsOf(LEFT, RIGHT));
        for (String format : List.of("auto", "labels")) {
            try (Segmenter segmenter = create(Map.of("format", format))) {
                List<PersonInstance> people = segmenter.segment(request(labels));
                assertEquals(2, people.size(), format);
                assertEquals(LEFT, people.get(0).visibleMask(), format);
                assertEquals(RIGHT, people.get(1).visibleMask(), format);
                assertEquals(List.of(1, 2), people.stream().map(PersonInstance::id).toList());
            }
        }
    }

    @Test
    void labelIdsWithGapsAreNumberedInAscendingOrder() throws IOException {
        int[] labels = labelsOf(LEFT, RIGHT);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] == 1 ? 9 : labels[i] == 2 ? 4 : 0;
        }
        try (Segmenter segmenter = create(Map.of())) {
            List<PersonInstance> people = segmenter.segment(request(labelPng("gaps.png", W, H, labels)));
            assertEquals(List.of(RIGHT, LEFT), people.stream().map(PersonInstance::visibleMask).toList(), "id 4 comes before id 9");
        }
    }

    @Test
    void binaryFormatReadsALabelPngAsOnePerson() throws IOException {
        try (Segmenter segmenter = create(Map.of("format", "binary"))) {
            List<PersonInstance> people = segmenter.segment(request(labelPng("labels.png", W, H, labelsOf(LEFT, RIGHT))));
            assertEquals(1, people.size());
            assertEquals(LEFT.or(RIGHT), people.get(0).visibleMask());
        }
    }

    @Test
    void colourMaskCountsAnyNonZeroPixel() throws IOException {
        BufferedImage rgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(2, 3, 0x00_00_01);
        rgb.setRGB(4, 4, 0xFF_00_00);
        Path file = dir.resolve("rgb.png");
        ImageIO.write(rgb, "png", file.toFile());
        try (Segmenter segmenter = create(Map.of())) {
            BinaryMask mask = segmenter.segment(request(file)).get(0).visibleMask();
            assertEquals(2, mask.area());
            assertTrue(mask.get(2, 3) && mask.get(4, 4));
        }
    }

    @Test
    void labelsFormatRejectsSeveralFilesAndColourImages() throws IOException {
        try (Segmenter segmenter = create(Map.of("format", "labels"))) {
            DeoccException several = assertThrows(DeoccException.class,
                    () -> segmenter.segment(request(maskPng("a.png", LEFT), maskPng("b.png", RIGHT))));
            assertEquals(ErrorCode.INVALID_ARGUMENT, several.errorCode());
            assertTrue(several.getMessage().contains("2 files"), several.getMessage());

            Path rgb = dir.resolve("rgb.png");
            ImageIO.write(new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB), "png", rgb.toFile());
            assertEquals(ErrorCode.IMAGE_UNREADABLE, assertThrows(DeoccException.class, () -> segmenter.segment(request(rgb))).errorCode());
        }
    }

    @Test
    void emptyMaskIsRejectedNamingTheFile() throws IOException {
        Path empty = maskPng("empty.png", BinaryMask.empty(W, H));
        try (Segmenter segmenter = create(Map.of())) {
            DeoccException e = assertThrows(DeoccException.class, () -> segmenter.segment(request(maskPng("a.png", LEFT), empty)));
            assertEquals(ErrorCode.EMPTY_MASK, e.errorCode());
            assertTrue(e.getMessage().contains("empty.png"), e.getMessage());
            assertEquals(ErrorCode.EMPTY_MASK, assertThrows(DeoccException.class, () -> segmenter.segment(request(empty))).errorCode());
            Path zeros = labelPng("zeros.png", W, H, new int[W * H]);
            assertEquals(ErrorCode.EMPTY_MASK, assertThrows(DeoccException.class, () -> segmenter.segment(request(zeros))).errorCode());
        }
    }

    @Test
    void maskOfAnotherSizeIsASizeMismatchNamingBothSizes() throws IOException {
        Path wide = maskPng("wide.png", BinaryMask.ofBox(10, H, new Box(0, 0, 2, 2)));
        Path wideLabels = labelPng("wide-labels.png", 10, H, new int[10 * H]);
        try (Segmenter segmenter = create(Map.of())) {
            for (SegmentationRequest request : List.of(request(wide), request(maskPng("a.png", LEFT), wide), request(wideLabels))) {
                DeoccException e = assertThrows(DeoccException.class, () -> segmenter.segment(request));
                assertEquals(ErrorCode.SIZE_MISMATCH, e.errorCode());
                assertTrue(e.getMessage().contains("wide") && e.getMessage().contains("10x6") && e.getMessage().contains("8x6"), e.getMessage());
            }
        }
    }

    @Test
    void missingFileIsFileNotFound() {
        try (Segmenter segmenter = create(Map.of())) {
            DeoccException e = assertThrows(DeoccException.class, () -> segmenter.segment(request(dir.resolve("missing.png"))));
            assertEquals(ErrorCode.FILE_NOT_FOUND, e.errorCode());
            assertTrue(e.getMessage().contains("missing.png"), e.getMessage());
        }
    }

    @Test
    void truncatedPngIsUnreadable() throws IOException {
        Path whole = maskPng("whole.png", LEFT);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = dir.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        try (Segmenter segmenter = create(Map.of())) {
            DeoccException e = assertThrows(DeoccException.class, () -> segmenter.segment(request(truncated)));
            assertEquals(ErrorCode.IMAGE_UNREADABLE, e.errorCode());
            assertTrue(e.getMessage().contains("truncated.png"), e.getMessage());
        }
    }

    @Test
    void noMaskFilesIsAnInvalidArgumentThatSaysWhatToPass() {
        try (Segmenter segmenter = create(Map.of())) {
            DeoccException e = assertThrows(DeoccException.class, () -> segmenter.segment(SegmentationRequest.of(IMAGE)));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
            assertTrue(e.getMessage().contains("mask"), e.getMessage());
        }
    }

    @Test
    void morePeopleThanTheLimitIsRefused() throws IOException {
        PluginContext onePerson = PluginContext.of(ResourceLimits.defaults().withMaxPeople(1));
        try (Segmenter segmenter = factory.create(ComponentConfig.empty(), onePerson)) {
            assertEquals(ErrorCode.TOO_MANY_PEOPLE, assertThrows(DeoccException.class,
                    () -> segmenter.segment(request(maskPng("a.png", LEFT), maskPng("b.png", RIGHT)))).errorCode());
            Path labels = labelPng("labels.png", W, H, labelsOf(LEFT, RIGHT));
            assertEquals(ErrorCode.TOO_MANY_PEOPLE, assertThrows(DeoccException.class, () -> segmenter.segment(request(labels))).errorCode());
            assertEquals(1, segmenter.segment(request(maskPng("c.png", LEFT))).size());
        }
    }

    @Test
    void imagesOverThePixelLimitAreRefused() {
        PluginContext tiny = PluginContext.of(ResourceLimits.defaults().withMaxImagePixels(10));
        Path mask = maskPng("a.png", LEFT);
        try (Segmenter segmenter = factory.create(ComponentConfig.empty(), tiny)) {
            assertEquals(ErrorCode.IMAGE_TOO_LARGE, assertThrows(DeoccException.class, () -> segmenter.segment(request(mask))).errorCode());
        }
    }

    @Test
    void configIsValidated() {
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> create(Map.of("format", "jpeg"))).errorCode());
        assertEquals(ErrorCode.INVALID_CONFIG, assertThrows(DeoccException.class, () -> create(Map.of("labels", "true"))).errorCode());
        try (Segmenter upper = create(Map.of("format", " LABELS "))) {
            assertEquals("mask-file", upper.descriptor().name());
        }
    }

    @Test
    void closedSegmenterAndNullRequestFail() {
        Segmenter segmenter = create(Map.of());
        assertThrows(DeoccException.class, () -> segmenter.segment(null));
        segmenter.close();
        Path mask = maskPng("a.png", LEFT);
        assertEquals(ErrorCode.COMPONENT_CLOSED, assertThrows(DeoccException.class, () -> segmenter.segment(request(mask))).errorCode());
    }
}
