package io.deocc.data;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.image.RgbaImage;
import io.deocc.synth.OcclusionSettings;
import io.deocc.synth.OccluderKind;
import io.deocc.synth.Scene;
import io.deocc.synth.SceneSettings;
import io.deocc.synth.SyntheticScenes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A synthetic dataset: a {@link SynthPreset} with its seed, sample count and image size. Sample
 * {@code i} is a pure function of the preset, the seed, {@code i}, the size, the cut-outs and (for the
 * stratified benchmarks) the count, so it can be generated on any thread in any order and is the same on every
 * run: {@code deocc synth} generates in parallel and writes in order.
 *
 * @param preset what to generate
 * @param seed the base seed; sample {@code i} uses {@link #itemSeed(long)}
 * @param count the number of samples, {@value #MIN_COUNT} to {@value #MAX_COUNT}; empty for an
 *     endless stream, which only {@code train} allows
 * @param size width and height of the square images, {@value #MIN_SIZE} to {@value #MAX_SIZE}
 * @param cutouts RGBA occluders pasted among the generator's own (see {@link Cutouts}); empty for none
 */
public record SynthSet(SynthPreset preset, long seed, OptionalLong count, int size, List<RgbaImage> cutouts) {
    /** The smallest image side. */
    public static final int MIN_SIZE = 64;
    /** The largest image side. */
    public static final int MAX_SIZE = 1024;
    /** The image side of the presets. */
    public static final int DEFAULT_SIZE = 256;
    /** The fewest samples a finite set has. */
    public static final long MIN_COUNT = 1;
    /** The most samples a finite set has. */
    public static final long MAX_COUNT = 1_000_000;
    /** The lowest visible ratio the benchmarks target. */
    public static final double MIN_TARGET_RATIO = 0.30;
    /** The highest visible ratio the benchmarks target. */
    public static final double MAX_TARGET_RATIO = 0.95;

    public SynthSet {
        checkNotNull(preset, "preset");
        checkNotNull(count, "count");
        checkNotNull(cutouts, "cutouts");
        checkArgument(size >= MIN_SIZE && size <= MAX_SIZE, "image size " + size + " is out of range: use " + MIN_SIZE + " to " + MAX_SIZE + " pixels");
        if (count.isPresent()) {
            long n = count.getAsLong();
            checkArgument(n >= MIN_COUNT && n <= MAX_COUNT, "sample count " + n + " is out of range: use " + MIN_COUNT + " to " + MAX_COUNT);
        } else {
            checkArgument(!preset.stratified(), "preset " + preset + " needs a sample count (" + MIN_COUNT + " to " + MAX_COUNT
                    + "): its visible ratios are spread over the count; only 'train' is endless");
        }
        // check the cut-outs now (size, no nulls) rather than failing on every sample later
        cutouts = OcclusionSettings.defaults().withCutouts(cutouts).cutouts();
    }

    /** A set without cut-outs. */
    public SynthSet(SynthPreset preset, long seed, OptionalLong count, int size) {
        this(preset, seed, count, size, List.of());
    }

    /** The preset with its default seed, count and size. */
    public static SynthSet of(SynthPreset preset) {
        checkNotNull(preset, "preset");
        OptionalLong count = preset.defaultCount() > 0 ? OptionalLong.of(preset.defaultCount()) : OptionalLong.empty();
        return new SynthSet(preset, preset.defaultSeed(), count, DEFAULT_SIZE, List.of());
    }

    public SynthSet withSeed(long newSeed) {
        return new SynthSet(preset, newSeed, count, size, cutouts);
    }

    public SynthSet withCount(long newCount) {
        return new SynthSet(preset, seed, OptionalLong.of(newCount), size, cutouts);
    }

    public SynthSet withSize(int newSize) {
        return new SynthSet(preset, seed, count, newSize, cutouts);
    }

    /** This set with RGBA cut-outs among the occluders (an empty list removes them). */
    public SynthSet withCutouts(List<RgbaImage> newCutouts) {
        return new SynthSet(preset, seed, count, size, newCutouts);
    }

    /** The generator seed of sample {@code index}: the base seed and the index mixed (SplitMix64's finaliser). */
    public long itemSeed(long index) {
        checkIndex(index);
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The visible ratio sample {@code index} aims at: 0.3 + 0.65·(i + 0.5)/n for the benchmarks, none for {@code train}. */
    public OptionalDouble targetVisibleRatio(long index) {
        checkIndex(index);
        if (!preset.stratified()) {
            return OptionalDouble.empty();
        }
        double n = count.getAsLong();
        return OptionalDouble.of(MIN_TARGET_RATIO + (MAX_TARGET_RATIO - MIN_TARGET_RATIO) * (index + 0.5) / n);
    }

    /** The id of sample {@code index}, e.g. {@code bench-mask-000042}. */
    public String sampleId(long index) {
        checkIndex(index);
        return String.format(Locale.ROOT, "%s-%06d", preset.id(), index);
    }

    /** Generates sample {@code index}. Thread-safe; equal arguments give equal samples. */
    public Sample sample(long index) {
        Scene scene = SyntheticScenes.generate(itemSeed(index), settings(index));
        return new Sample(sampleId(index), scene.image(), scene.visible(), scene.amodal(),
                preset.hasSegmenterMask() ? Optional.of(scene.segmenterMask()) : Optional.empty(),
                Optional.of(scene.visibleParsing()), Optional.of(scene.amodalParsing()),
                preset.hasOriginal() ? Optional.of(scene.original()) : Optional.empty(),
                Optional.of(scene.occluder()), Optional.of(scene.info().occluders().contains(OccluderKind.PERSON)));
    }

    /** What a manifest line records about sample {@code index}: its generator seed and this set. */
    public SampleMetadata metadata(long index) {
        return SampleMetadata.synthetic(itemSeed(index), "synth " + preset.id() + " seed " + seed
                + count.stream().mapToObj(n -> " count " + n).findFirst().orElse("") + " size " + size
                + (cutouts.isEmpty() ? "" : " cutouts " + cutouts.size()));
    }

    /** Generates and encodes sample {@code index} for a {@link DatasetWriter}. Thread-safe. */
    public EncodedSample encode(long index) {
        return DatasetWriter.encode(sample(index), metadata(index));
    }

    /** The samples as a lazy source; endless when there is no count. A sample the generator cannot make is a Skipped item. */
    public SampleSource source() {
        SynthSet set = this;
        return new SampleSource() {
            @Override
            public String description() {
                return set.toString();
            }

            @Override
            public OptionalLong size() {
                return count;
            }

            @Override
            public Stream<SampleResult> stream() {
                LongStream indexes = count.isPresent() ? LongStream.range(0, count.getAsLong()) : LongStream.iterate(0, i -> i + 1);
                return indexes.mapToObj(set::result);
            }

            @Override
            public void close() {
                // nothing is held open
            }
        };
    }

    private SampleResult result(long index) {
        try {
            return new SampleResult.Loaded(sample(index));
        } catch (DeoccException e) {
            return new SampleResult.Skipped(sampleId(index), 0, new DeoccException(e.errorCode(), this + " sample " + index
                    + " (generator seed " + itemSeed(index) + "): " + e.getMessage(), e));
        }
    }

    private SceneSettings settings(long index) {
        SceneSettings settings = SceneSettings.defaults(size, size);
        if (!cutouts.isEmpty()) {
            settings = settings.withCutouts(cutouts);
        }
        if (!preset.hasSegmenterMask()) {
            settings = settings.withOcclusion(settings.occlusion().withSegmenterNoise(false));
        }
        OptionalDouble target = targetVisibleRatio(index);
        if (target.isPresent()) {
            settings = settings.withTargetVisibleRatio(target.getAsDouble());
        }
        return settings;
    }

    private void checkIndex(long index) {
        long limit = count.orElse(Long.MAX_VALUE);
        checkArgument(index >= 0 && index < limit, "sample index " + index + " is out of range: use 0 to " + (limit - 1));
    }

    @Override
    public String toString() {
        return "synthetic set " + preset.id() + " (seed " + seed + count.stream().mapToObj(n -> ", " + n + " samples").findFirst().orElse("")
                + ", " + size + "x" + size + (cutouts.isEmpty() ? "" : ", " + cutouts.size() + " cut-outs") + ")";
    }
}
