package io.deocc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SynthSetTest {
    @Test
    void presetsHaveTheDocumentedDefaults() {
        SynthSet mask = SynthSet.of(SynthPreset.BENCH_MASK);
        assertEquals(OptionalLong.of(1000), mask.count());
        assertEquals(256, mask.size());
        assertEquals(OptionalLong.of(1000), SynthSet.of(SynthPreset.BENCH_CONTENT).count());
        assertEquals(OptionalLong.empty(), SynthSet.of(SynthPreset.TRAIN).count());
        assertNotEquals(SynthPreset.BENCH_MASK.defaultSeed(), SynthPreset.BENCH_CONTENT.defaultSeed());
        assertEquals(SynthPreset.BENCH_CONTENT, SynthPreset.of(" Bench-Content "));
    }

    @Test
    void targetRatiosAreStratifiedOverTheRange() {
        SynthSet set = SynthSet.of(SynthPreset.BENCH_MASK).withCount(4);
        // 0.3 + 0.65 * (i + 0.5) / 4
        double[] expected = {0.38125, 0.54375, 0.70625, 0.86875};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], set.targetVisibleRatio(i).orElseThrow(), 1e-12);
        }
        assertTrue(SynthSet.of(SynthPreset.TRAIN).targetVisibleRatio(5).isEmpty());
    }

    @Test
    void generatedRatiosFollowTheTargets() {
        SynthSet set = SynthSet.of(SynthPreset.BENCH_MASK).withCount(6).withSize(128);
        for (int i = 0; i < 6; i++) {
            double target = set.targetVisibleRatio(i).orElseThrow();
            double ratio = set.sample(i).visibleRatio();
            assertEquals(target, ratio, 0.06, "sample " + i);
        }
    }

    @Test
    void samplesArePureFunctionsOfSeedAndIndex() {
        SynthSet set = SynthSet.of(SynthPreset.BENCH_CONTENT).withCount(10).withSize(64).withSeed(42);
        Sample third = set.sample(3);
        assertEquals(third, set.sample(3));
        assertEquals(third, set.source().stream().skip(3).findFirst().map(r -> ((SampleResult.Loaded) r).sample()).orElseThrow());
        assertEquals("bench-content-000003", third.id());
        assertNotEquals(third.image(), set.withSeed(43).sample(3).image());
        Set<Long> seeds = new HashSet<>();
        LongStream.range(0, 1000).forEach(i -> seeds.add(SynthSet.of(SynthPreset.BENCH_MASK).itemSeed(i)));
        assertEquals(1000, seeds.size(), "item seeds are distinct");
    }

    @Test
    void presetsCarryTheirParts() {
        Sample mask = SynthSet.of(SynthPreset.BENCH_MASK).withSize(64).sample(0);
        assertTrue(mask.segmenterMask().isPresent() && mask.amodalParsing().isPresent() && mask.visibleParsing().isPresent());
        assertFalse(mask.original().isPresent());
        Sample content = SynthSet.of(SynthPreset.BENCH_CONTENT).withSize(64).sample(0);
        assertTrue(content.original().isPresent() && content.occluder().isPresent());
        assertFalse(content.segmenterMask().isPresent());
        Sample train = SynthSet.of(SynthPreset.TRAIN).withSize(64).sample(0);
        assertTrue(train.original().isPresent() && train.segmenterMask().isPresent());
    }

    @Test
    void trainIsEndlessAndLazy() {
        try (SampleSource source = SynthSet.of(SynthPreset.TRAIN).withSize(64).source()) {
            assertTrue(source.size().isEmpty());
            List<SampleResult> three = source.stream().limit(3).toList();
            assertEquals(3, three.size());
            assertEquals("train-000002", ((SampleResult.Loaded) three.get(2)).sample().id());
        }
    }

    @Test
    void outOfRangeParametersNameTheAllowedRange() {
        SynthSet set = SynthSet.of(SynthPreset.BENCH_MASK);
        assertRange(() -> set.withSize(63), "image size 63 is out of range: use 64 to 1024");
        assertRange(() -> set.withSize(2048), "use 64 to 1024");
        assertRange(() -> set.withCount(0), "sample count 0 is out of range: use 1 to 1000000");
        assertRange(() -> set.withCount(1_000_001), "use 1 to 1000000");
        assertRange(() -> new SynthSet(SynthPreset.BENCH_MASK, 1, OptionalLong.empty(), 256), "needs a sample count (1 to 1000000)");
        assertRange(() -> set.sample(1000), "sample index 1000 is out of range: use 0 to 999");
        assertRange(() -> SynthPreset.of("bench"), "use one of bench-mask, bench-content, train");
        assertThrows(DeoccException.class, () -> SynthPreset.of(null));
        assertThrows(DeoccException.class, () -> SynthSet.of(null));
    }

    private static void assertRange(org.junit.jupiter.api.function.Executable call, String expected) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains(expected), "'" + expected + "' in: " + e.getMessage());
    }
}
