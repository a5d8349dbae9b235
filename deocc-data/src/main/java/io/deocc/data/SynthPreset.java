package io.deocc.data;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named synthetic datasets (see {@link SynthSet}).
 *
 * <ul>
 *   <li>{@code bench-mask}: 1 000 samples for mask completion, visible ratio stratified over
 *       0.30–0.95, with the segmenter-like noisy visible mask and both parsing maps;</li>
 *   <li>{@code bench-content}: 1 000 samples for content recovery, stratified the same way, with
 *       the unoccluded image and both parsing maps (no segmenter noise: content is scored given the
 *       true masks);</li>
 *   <li>{@code train}: an endless stream with every part, occlusion drawn from the generator's
 *       default range, for training.</li>
 * </ul>
 */
public enum SynthPreset {
    BENCH_MASK("bench-mask", 1_000, 0x6d61736b_2021L, true, false, true),
    BENCH_CONTENT("bench-content", 1_000, 0x636f6e74_2021L, false, true, true),
    TRAIN("train", 0, 0x74726169_6eL, true, true, false);

    private final String id;
    private final long defaultCount;
    private final long defaultSeed;
    private final boolean segmenterMask;
    private final boolean original;
    private final boolean stratified;

    SynthPreset(String id, long defaultCount, long defaultSeed, boolean segmenterMask, boolean original, boolean stratified) {
        this.id = id;
        this.defaultCount = defaultCount;
        this.defaultSeed = defaultSeed;
        this.segmenterMask = segmenterMask;
        this.original = original;
        this.stratified = stratified;
    }

    /** The preset's name on the command line and in sample ids, e.g. {@code bench-mask}. */
    public String id() {
        return id;
    }

    /** The number of samples when none is asked for; 0 for the endless {@code train} stream. */
    public long defaultCount() {
        return defaultCount;
    }

    /** The seed when none is given; fixed, so that a benchmark is the same everywhere. */
    public long defaultSeed() {
        return defaultSeed;
    }

    /** Whether samples carry the segmenter-like noisy visible mask. */
    public boolean hasSegmenterMask() {
        return segmenterMask;
    }

    /** Whether samples carry the unoccluded image. */
    public boolean hasOriginal() {
        return original;
    }

    /** Whether sample {@code i} of {@code n} targets the visible ratio 0.3 + 0.65·(i + 0.5)/n. */
    public boolean stratified() {
        return stratified;
    }

    /**
     * The preset named {@code name} (as in {@link #id()}, case-insensitive).
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} listing the known names
     */
    public static SynthPreset of(String name) {
        checkNotNull(name, "preset name");
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (SynthPreset preset : values()) {
            if (preset.id.equals(wanted)) {
                return preset;
            }
        }
        throw DeoccException.invalidArgument("unknown synthetic preset '" + name + "': use one of "
                + Arrays.stream(values()).map(SynthPreset::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
