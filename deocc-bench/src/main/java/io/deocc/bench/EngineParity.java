package io.deocc.bench;

import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.Stage;
import io.deocc.data.Sample;
import io.deocc.data.SynthPreset;
import io.deocc.data.SynthSet;
import io.deocc.runtime.ComponentSelection;
import io.deocc.runtime.PluginRegistry;
import io.deocc.api.ResourceLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How closely the two engines agree on the shipped models over the benchmark sets: each of the DJL
 * engine's components ({@code djl-segmenter}, {@code djl-mask}, {@code djl-content}) and its ONNX Runtime
 * counterpart run on the same samples, and the final outputs are compared pixel by pixel — the people's
 * union for the segmenters, the refined visible and amodal masks for the completers (on the samples'
 * segmenter masks), the composite for the recoverers (on the ground-truth masks).
 *
 * <p>Usage: {@code EngineParity [--count 1000] [--seed 1] [--threads 2] [--out FILE.tsv]}; prints nothing,
 * writes one row per stage. The shipped models are found as the components find them.
 */
public final class EngineParity {
    /** The TSV header of {@link Result#row()}. */
    public static final String HEADER = "stage\titems\tpixels\tagreeing\tagreement\tmax-channel-difference";

    private EngineParity() {
    }

    /**
     * One stage's agreement.
     *
     * @param stage the stage
     * @param items samples compared
     * @param pixels pixels compared (per output mask or composite)
     * @param agreeing pixels with equal values in both engines' outputs
     * @param maxChannelDifference the largest difference of one colour channel (0 for masks)
     */
    public record Result(Stage stage, int items, long pixels, long agreeing, int maxChannelDifference) {
        /** The fraction of agreeing pixels. */
        public double agreement() {
            return pixels == 0 ? 1.0 : (double) agreeing / pixels;
        }

        /** The result as a TSV row. */
        public String row() {
            return String.join("\t", stage.name().toLowerCase(Locale.ROOT), Integer.toString(items), Long.toString(pixels),
                    Long.toString(agreeing), String.format(Locale.ROOT, "%.6f", agreement()), Integer.toString(maxChannelDifference));
        }
    }

    /** Compares both engines on {@code count} samples of each benchmark set from {@code seed}. */
    public static List<Result> run(PluginRegistry registry, int count, long seed, int threads) {
        DeoccException.checkArgument(count >= 1, "--count " + count + " must be at least 1");
        ComponentConfig config = ComponentConfig.of(Map.of("threads", Integer.toString(threads)));
        PluginContext context = PluginContext.of(ResourceLimits.defaults());
        SynthSet masks = SynthSet.of(SynthPreset.of("bench-mask")).withSeed(seed).withCount(count);
        SynthSet contents = SynthSet.of(SynthPreset.of("bench-content")).withSeed(seed).withCount(count);
        List<Result> results = new ArrayList<>();
        try (Segmenter djl = create(registry, Stage.SEGMENTATION, Segmenter.class, "djl-segmenter", config, context);
                Segmenter ort = create(registry, Stage.SEGMENTATION, Segmenter.class, "onnx-segmenter", config, context)) {
            Tally tally = new Tally();
            for (int i = 0; i < count; i++) {
                RgbImage image = masks.sample(i).image();
                tally.add(union(djl.segment(SegmentationRequest.of(image)), image),
                        union(ort.segment(SegmentationRequest.of(image)), image));
            }
            results.add(tally.result(Stage.SEGMENTATION, count));
        }
        try (MaskCompleter djl = create(registry, Stage.MASK_COMPLETION, MaskCompleter.class, "djl-mask", config, context);
                MaskCompleter ort = create(registry, Stage.MASK_COMPLETION, MaskCompleter.class, "onnx-mask", config, context)) {
            Tally tally = new Tally();
            for (int i = 0; i < count; i++) {
                Sample sample = masks.sample(i);
                MaskCompletion a = djl.complete(sample.image(), sample.person());
                MaskCompletion b = ort.complete(sample.image(), sample.person());
                tally.add(a.amodal(), b.amodal());
                tally.add(a.refinedVisible(), b.refinedVisible());
            }
            results.add(tally.result(Stage.MASK_COMPLETION, count));
        }
        try (ContentRecoverer djl = create(registry, Stage.CONTENT_RECOVERY, ContentRecoverer.class, "djl-content", config, context);
                ContentRecoverer ort = create(registry, Stage.CONTENT_RECOVERY, ContentRecoverer.class, "onnx-content", config, context)) {
            Tally tally = new Tally();
            for (int i = 0; i < count; i++) {
                Sample sample = contents.sample(i);
                PersonInstance person = sample.person();
                ContentRecovery a = djl.recover(sample.image(), person, sample.groundTruthMasks());
                ContentRecovery b = ort.recover(sample.image(), person, sample.groundTruthMasks());
                tally.add(a.composite(), b.composite());
            }
            results.add(tally.result(Stage.CONTENT_RECOVERY, count));
        }
        return results;
    }

    private static <T extends io.deocc.api.spi.Component> T create(PluginRegistry registry, Stage stage, Class<T> type,
            String name, ComponentConfig config, PluginContext context) {
        return registry.create(stage, type, new ComponentSelection(java.util.Optional.of(name), config), context);
    }

    private static BinaryMask union(List<PersonInstance> people, RgbImage image) {
        BinaryMask all = BinaryMask.empty(image.width(), image.height());
        for (PersonInstance person : people) {
            all = all.or(person.visibleMask());
        }
        return all;
    }

    private static final class Tally {
        private long pixels;
        private long agreeing;
        private int maxDifference;

        void add(BinaryMask a, BinaryMask b) {
            for (int i = 0; i < a.width() * a.height(); i++) {
                pixels++;
                agreeing += a.get(i) == b.get(i) ? 1 : 0;
            }
        }

        void add(RgbImage a, RgbImage b) {
            int[] x = a.toArray();
            int[] y = b.toArray();
            for (int i = 0; i < x.length; i++) {
                pixels++;
                agreeing += x[i] == y[i] ? 1 : 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    maxDifference = Math.max(maxDifference, Math.abs((x[i] >> shift & 0xFF) - (y[i] >> shift & 0xFF)));
                }
            }
        }

        Result result(Stage stage, int items) {
            return new Result(stage, items, pixels, agreeing, maxDifference);
        }
    }

    /** Command-line entry; see the class comment. */
    public static void main(String[] args) throws IOException {
        ToolOptions options = ToolOptions.parse(args, List.of("count", "seed", "threads", "out"));
        List<Result> results = run(PluginRegistry.discover(), options.number("count", 1000), options.number("seed", 1),
                options.number("threads", 2));
        List<String> lines = new ArrayList<>(List.of(HEADER));
        results.forEach(result -> lines.add(result.row()));
        Files.write(Path.of(options.required("out", "--out deocc-bench/target/engine-parity.tsv")), lines, StandardCharsets.UTF_8);
    }
}
