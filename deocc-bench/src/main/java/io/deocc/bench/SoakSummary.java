package io.deocc.bench;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * What a {@link Soak} run comes to. Memory right after start-up says little (allocators and the JIT are
 * still growing), so the run is judged from two windows of its samples: <em>after warm-up</em>, the
 * samples whose iteration lies in the run's 10–20 %, and <em>at the end</em>, those in its last 10 %
 * (iteration at least 90 % of the run). Each window's value is the median of its samples, which a
 * single outlier cannot move; the growth is {@code (end − warm-up) / warm-up} in percent, and the run
 * passes when it is below the bound.
 *
 * @param engine the engine soaked ({@code reference}, {@code djl})
 * @param iterations pipeline runs in all (the last sample's iteration)
 * @param seconds the run's duration (the last sample's elapsed time)
 * @param warmRssKiB median resident memory after warm-up
 * @param endRssKiB median resident memory at the end
 * @param growthPercent growth of the resident memory from warm-up to the end, in percent
 * @param boundPercent the growth allowed
 * @param warmHeapBytes median Java heap in use after warm-up
 * @param endHeapBytes median Java heap in use at the end
 * @param warmLiveArrays median live NDArrays after warm-up (-1 when not measured)
 * @param endLiveArrays the most live NDArrays of any sample at the end (-1 when not measured)
 */
public record SoakSummary(String engine, long iterations, double seconds, long warmRssKiB, long endRssKiB,
        double growthPercent, double boundPercent, long warmHeapBytes, long endHeapBytes, long warmLiveArrays,
        long endLiveArrays) {
    /** The growth bound of the issue: resident memory may grow less than 5 % after warm-up. */
    public static final double DEFAULT_BOUND_PERCENT = 5.0;

    /** Column names of {@link #row()}. */
    public static final String HEADER = String.join("\t", "engine", "iterations", "seconds", "warmRssKiB", "endRssKiB",
            "growthPercent", "boundPercent", "verdict", "warmHeapBytes", "endHeapBytes", "warmLiveArrays", "endLiveArrays");

    /** Validates the values. */
    public SoakSummary {
        DeoccException.checkNotNull(engine, "engine");
        DeoccException.checkArgument(iterations >= 1, "iterations " + iterations + " must be at least 1");
        DeoccException.checkArgument(Double.isFinite(growthPercent) && Double.isFinite(boundPercent) && boundPercent > 0,
                "growth " + growthPercent + " % and bound " + boundPercent + " % must be finite, the bound above 0");
    }

    /** Whether the resident memory grew less than the bound. */
    public boolean passed() {
        return growthPercent < boundPercent;
    }

    /**
     * Summarises a series (in iteration order, as {@link Soak} writes it).
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} when a window holds no sample: sample more often
     */
    public static SoakSummary of(String engine, List<SoakSample> samples, double boundPercent) {
        DeoccException.checkNotNull(engine, "engine");
        DeoccException.checkNotNull(samples, "samples");
        DeoccException.checkArgument(!samples.isEmpty(), "the soak series is empty: run at least one iteration");
        SoakSample last = samples.get(samples.size() - 1);
        long n = last.iteration();
        DeoccException.checkArgument(n >= 1, "the soak series ends at iteration 0: run at least one iteration");
        // windows by iteration, in exact integer arithmetic: 10 n <= 100 i <= 20 n, and 100 i >= 90 n
        List<SoakSample> warm = new ArrayList<>();
        List<SoakSample> end = new ArrayList<>();
        for (SoakSample s : samples) {
            long scaled = 100 * s.iteration();
            if (scaled >= 10 * n && scaled <= 20 * n) {
                warm.add(s);
            }
            if (scaled >= 90 * n) {
                end.add(s);
            }
        }
        DeoccException.checkArgument(!warm.isEmpty(), "no sample lies in the warm-up window (iterations " + n / 10 + " to " + n / 5
                + " of " + n + "): sample more often, e.g. every " + Math.max(1, n / 20) + " iterations");
        DeoccException.checkArgument(!end.isEmpty(), "no sample lies in the last 10 % of the run: sample more often");
        long warmRss = median(warm, SoakSample::rssKiB);
        long endRss = median(end, SoakSample::rssKiB);
        if (warmRss <= 0) {
            throw new DeoccException(ErrorCode.INTERNAL, "the resident memory after warm-up reads 0 KiB: run on Linux");
        }
        double growth = 100.0 * (endRss - warmRss) / warmRss;
        boolean measured = samples.stream().allMatch(s -> s.liveArrays() >= 0);
        long warmArrays = measured ? median(warm, SoakSample::liveArrays) : -1;
        long endArrays = measured ? end.stream().mapToLong(SoakSample::liveArrays).max().orElseThrow() : -1;
        return new SoakSummary(engine, n, last.elapsedSeconds(), warmRss, endRss, growth, boundPercent,
                median(warm, SoakSample::heapUsedBytes), median(end, SoakSample::heapUsedBytes), warmArrays, endArrays);
    }

    /** The median; for an even count, the mean of the two middle values rounded down. */
    static long median(List<SoakSample> samples, ToLongFunction<SoakSample> value) {
        long[] values = samples.stream().mapToLong(value).toArray();
        Arrays.sort(values);
        int mid = values.length / 2;
        // the halves summed separately: two values near Long.MAX_VALUE must not overflow
        return values.length % 2 == 1 ? values[mid] : values[mid - 1] / 2 + values[mid] / 2 + (values[mid - 1] % 2 + values[mid] % 2) / 2;
    }

    /** The tab-separated row under {@link #HEADER}. */
    public String row() {
        return String.join("\t", engine, Long.toString(iterations), String.format(Locale.ROOT, "%.1f", seconds),
                Long.toString(warmRssKiB), Long.toString(endRssKiB), String.format(Locale.ROOT, "%.2f", growthPercent),
                String.format(Locale.ROOT, "%.1f", boundPercent), passed() ? "pass" : "FAIL", Long.toString(warmHeapBytes),
                Long.toString(endHeapBytes), Long.toString(warmLiveArrays), Long.toString(endLiveArrays));
    }

    /** Parses a row written by {@link #row()} (the verdict column is recomputed, not read). */
    public static SoakSummary parse(String row) {
        DeoccException.checkNotNull(row, "row");
        String[] c = row.split("\t", -1);
        DeoccException.checkArgument(c.length == 12, "soak summary row '" + row + "' has " + c.length
                + " columns instead of 12: give a row of a soak-<engine>-summary.tsv file");
        try {
            return new SoakSummary(c[0], Long.parseLong(c[1]), Double.parseDouble(c[2]), Long.parseLong(c[3]),
                    Long.parseLong(c[4]), Double.parseDouble(c[5]), Double.parseDouble(c[6]), Long.parseLong(c[8]),
                    Long.parseLong(c[9]), Long.parseLong(c[10]), Long.parseLong(c[11]));
        } catch (NumberFormatException e) {
            throw DeoccException.invalidArgument("soak summary row '" + row + "' holds a value that is not a number: give a row"
                    + " of a soak-<engine>-summary.tsv file");
        }
    }

    /** A Markdown table of summaries, one row per engine, for docs/PERFORMANCE.md. */
    public static String markdown(List<SoakSummary> summaries) {
        DeoccException.checkNotNull(summaries, "summaries");
        StringBuilder out = new StringBuilder()
                .append("| engine | iterations | ms/iteration | RSS after warm-up (MiB) | RSS at the end (MiB) | growth | verdict |"
                        + " heap in use, warm-up → end (MiB) | live NDArrays, warm-up → end |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (SoakSummary s : summaries) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %+.2f %% | %s (< %.0f %%) | %.1f → %.1f | %s |%n",
                    s.engine(), s.iterations(), 1000.0 * s.seconds() / s.iterations(), s.warmRssKiB() / 1024.0,
                    s.endRssKiB() / 1024.0, s.growthPercent(), s.passed() ? "pass" : "FAIL", s.boundPercent(),
                    s.warmHeapBytes() / 1048576.0, s.endHeapBytes() / 1048576.0,
                    s.warmLiveArrays() < 0 ? "–" : s.warmLiveArrays() + " → " + s.endLiveArrays()));
        }
        return out.toString();
    }
}
