package io.deocc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.DeoccResult;
import io.deocc.api.model.PersonFailure;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.model.PersonResult;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeoccPipelineTest {
    private final AtomicInteger completerCloses = new AtomicInteger();
    private final AtomicInteger recovererCloses = new AtomicInteger();

    private PluginRegistry registry(Set<Integer> failIds) {
        return PluginRegistry.of(List.of(FakePlugins.plugin("fake",
                List.of(FakePlugins.brightSegmenter("bright")),
                List.of(FakePlugins.growDownCompleter("grow", 0, failIds, completerCloses)),
                List.of(FakePlugins.whiteRecoverer("white", recovererCloses)))));
    }

    private static RgbImage imageWithSquare() {
        int[] rgb = new int[10 * 10];
        for (int y = 2; y < 5; y++) {
            for (int x = 3; x < 6; x++) {
                rgb[y * 10 + x] = 0x336699;
            }
        }
        return RgbImage.of(10, 10, rgb);
    }

    @Test
    void segmentsCompletesAndRecovers() {
        try (DeoccPipeline pipeline = DeoccPipeline.create(registry(Set.of()), PipelineConfig.defaults(), List.of())) {
            DeoccResult result = pipeline.run(SegmentationRequest.of(imageWithSquare()));
            assertTrue(result.succeeded());
            assertEquals(1, result.people().size());
            PersonResult person = result.people().get(0);
            assertEquals(9, person.masks().refinedVisible().area());
            assertEquals(12, person.masks().amodal().area(), "grown one row down: 3x4");
            assertEquals(3, person.masks().invisible().area());
            assertEquals(0xFFFFFF, person.content().composite().rgb(4, 5), "invisible pixels painted by the recoverer");
            assertEquals(0x336699, person.content().composite().rgb(4, 4), "visible pixels untouched");
            assertEquals("grow", pipeline.descriptor(Stage.MASK_COMPLETION).name());
        }
    }

    @Test
    void componentSettingsReachTheComponent() {
        PipelineConfig config = PipelineConfig.builder().maskCompleter("grow").setting(Stage.MASK_COMPLETION, "rows", "3").build();
        try (DeoccPipeline pipeline = DeoccPipeline.create(registry(Set.of()), config, List.of())) {
            PersonResult person = pipeline.run(SegmentationRequest.of(imageWithSquare())).people().get(0);
            assertEquals(18, person.masks().amodal().area(), "grown three rows down: 3x6");
        }
    }

    @Test
    void oneFailingPersonDoesNotStopTheOthers() {
        RgbImage image = imageWithSquare();
        List<PersonInstance> people = List.of(
                PersonInstance.of(1, BinaryMask.ofBox(10, 10, new Box(0, 0, 2, 2))),
                PersonInstance.of(2, BinaryMask.ofBox(10, 10, new Box(3, 3, 2, 2))),
                PersonInstance.of(3, BinaryMask.ofBox(10, 10, new Box(6, 6, 2, 2))));
        List<String> events = new ArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void personDone(PersonResult result) {
                events.add("done " + result.person().id());
            }

            @Override
            public void personFailed(PersonFailure failure) {
                events.add("failed " + failure.personId());
            }
        };
        PipelineListener throwing = new PipelineListener() {
            @Override
            public void personDone(PersonResult result) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (DeoccPipeline pipeline = DeoccPipeline.create(registry(Set.of(2)), PipelineConfig.defaults(), List.of(throwing, listener))) {
            DeoccResult result = pipeline.run(image, people);
            assertEquals(List.of(1, 3), result.people().stream().map(p -> p.person().id()).toList());
            assertEquals(1, result.failures().size());
            assertEquals(2, result.failures().get(0).personId());
            assertEquals(ErrorCode.INVALID_ARGUMENT, result.failures().get(0).error().errorCode());
            assertEquals(List.of("done 1", "failed 2", "done 3"), events);
        }
    }

    @Test
    void unusablePeopleAreRefusedBeforeAnyWork() {
        RgbImage image = imageWithSquare();
        PersonInstance wrongSize = PersonInstance.of(1, BinaryMask.ofBox(8, 10, new Box(0, 0, 2, 2)));
        PersonInstance ok = PersonInstance.of(1, BinaryMask.ofBox(10, 10, new Box(0, 0, 2, 2)));
        PipelineConfig oneAtMost = PipelineConfig.builder().put("limits.max-people", "1").build();
        try (DeoccPipeline pipeline = DeoccPipeline.create(registry(Set.of()), oneAtMost, List.of())) {
            DeoccException size = assertThrows(DeoccException.class, () -> pipeline.run(image, List.of(wrongSize)));
            assertEquals(ErrorCode.SIZE_MISMATCH, size.errorCode());
            assertTrue(size.getMessage().contains("8x10") && size.getMessage().contains("10x10"));
            assertEquals(ErrorCode.TOO_MANY_PEOPLE, assertThrows(DeoccException.class, () -> pipeline.run(image, List.of(ok, ok))).errorCode());
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class, () -> pipeline.run(image, null)).errorCode());
        }
        try (DeoccPipeline pipeline = DeoccPipeline.create(registry(Set.of()), PipelineConfig.defaults(), List.of())) {
            DeoccException dup = assertThrows(DeoccException.class, () -> pipeline.run(image, List.of(ok, ok)));
            assertTrue(dup.getMessage().contains("appears twice"));
        }
    }

    @Test
    void closeIsIdempotentClosesComponentsAndBlocksFurtherCalls() {
        DeoccPipeline pipeline = DeoccPipeline.create(registry(Set.of()), PipelineConfig.defaults(), List.of());
        pipeline.close();
        pipeline.close();
        assertEquals(1, completerCloses.get());
        assertEquals(1, recovererCloses.get());
        DeoccException closed = assertThrows(DeoccException.class, () -> pipeline.run(SegmentationRequest.of(imageWithSquare())));
        assertEquals(ErrorCode.COMPONENT_CLOSED, closed.errorCode());
    }

    @Test
    void aComponentThatFailsToLoadClosesTheOnesAlreadyCreated() {
        PipelineConfig config = PipelineConfig.builder().setting(Stage.CONTENT_RECOVERY, "explode", "true").build();
        DeoccException e = assertThrows(DeoccException.class, () -> DeoccPipeline.create(registry(Set.of()), config, List.of()));
        assertEquals(ErrorCode.MODEL_INVALID, e.errorCode(), "the component's own error comes through, not Guice's wrapper");
        assertEquals(1, completerCloses.get(), "the completer created before the failure was closed");
    }

    @Test
    void unknownNamesAndBadSettingsFailComposition() {
        DeoccException unknown = assertThrows(DeoccException.class, () ->
                DeoccPipeline.create(registry(Set.of()), PipelineConfig.builder().maskCompleter("nope").build(), List.of()));
        assertEquals(ErrorCode.UNKNOWN_COMPONENT, unknown.errorCode());
        assertTrue(unknown.getMessage().contains("grow"));
        DeoccException badSetting = assertThrows(DeoccException.class, () ->
                DeoccPipeline.create(registry(Set.of()), PipelineConfig.builder().setting(Stage.SEGMENTATION, "x", "1").build(), List.of()));
        assertEquals(ErrorCode.INVALID_CONFIG, badSetting.errorCode());
    }
}
