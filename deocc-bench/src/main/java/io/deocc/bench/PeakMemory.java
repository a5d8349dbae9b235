package io.deocc.bench;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.engine.djl.Networks;
import io.deocc.model.BackboneSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Peak memory of one network: builds it, runs N inference passes and appends one tab-separated row to a file —
 * the MACs of a pass, the process's resident memory after libtorch loaded (before the network was
 * built), its peak resident memory ({@code VmHWM} of /proc/self/status, so Linux only) and the arrays
 * alive on the network's manager before and after the passes (equal when passes leak nothing).
 *
 * <p>Peak RSS is process-wide, so each network must run in a JVM of its own: {@code run.sh} starts one
 * per row. Usage: {@code PeakMemory --network stacked-unet --width 4 --depth 4 --batch 1 --size 256
 * --passes 3 [--threads 2] --out peak-memory.tsv} (the header line is written when the file is new).
 */
public final class PeakMemory {
    /** Column names of the row {@link Measurement#row()} gives. */
    public static final String HEADER = String.join("\t", "network", "width", "depth", "batch", "size", "passes",
            "macs", "baselineRssKiB", "peakRssKiB", "liveArraysBefore", "liveArraysAfter", "firstPassMs");

    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** What one probe measured. */
    public record Measurement(String network, BackboneSpec spec, int batch, int size, int passes, long macs,
            long baselineRssKiB, long peakRssKiB, int liveArraysBefore, int liveArraysAfter, long firstPassMs) {
        /** The tab-separated row under {@link #HEADER}. */
        public String row() {
            return String.join("\t", network, Integer.toString(spec.width()), Integer.toString(spec.depth()),
                    Integer.toString(batch), Integer.toString(size), Integer.toString(passes), Long.toString(macs),
                    Long.toString(baselineRssKiB), Long.toString(peakRssKiB), Integer.toString(liveArraysBefore),
                    Integer.toString(liveArraysAfter), Long.toString(firstPassMs));
        }
    }

    /**
     * The spec the benchmarks use for a bound network: {@code stacked-unet} 4 in / 2 out,
     * {@code pconv-*} 5 in / 3 out (depth unused by them), every other backbone 4 in / 1 out.
     */
    public static BackboneSpec spec(String network, int depth, int width) {
        DeoccException.checkNotNull(network, "network");
        if (network.equals("stacked-unet")) {
            return new BackboneSpec(4, 2, depth, width);
        }
        if (network.startsWith("pconv-")) {
            return new BackboneSpec(5, 3, depth, width);
        }
        return new BackboneSpec(4, 1, depth, width);
    }

    /** Builds the network, runs {@code passes} inference passes and measures; see the class comment. */
    public static Measurement measure(int threads, String network, BackboneSpec spec, int batch, int size, int passes) {
        DeoccException.checkArgument(passes >= 1, "passes " + passes + " must be at least 1: give how many forward passes to run");
        // loading libtorch first, so that the baseline includes it but no network
        Networks.load(threads);
        long baseline = status("VmRSS");
        try (ForwardPass pass = ForwardPass.create(threads, network, spec, batch, size)) {
            int before = pass.liveArrays();
            long start = System.nanoTime();
            pass.run();
            long firstPassMs = (System.nanoTime() - start) / 1_000_000;
            for (int i = 1; i < passes; i++) {
                pass.run();
            }
            int after = pass.liveArrays();
            return new Measurement(network, spec, batch, size, passes, pass.multiplyAccumulates(), baseline,
                    status("VmHWM"), before, after, firstPassMs);
        }
    }

    /** A memory field of /proc/self/status in KiB, e.g. {@code VmHWM}. */
    static long status(String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(STATUS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS + " (peak memory is measured on Linux only)", e);
        }
        for (String line : lines) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        throw new DeoccException(ErrorCode.INTERNAL, STATUS + " has no " + field + " line: run on Linux");
    }

    /**
     * Command-line entry: measures one network and appends its row to the TSV file given with
     * {@code --out} (writing the header first when the file is new or empty). Bad arguments fail with a
     * {@code DeoccException} naming the option.
     */
    public static void main(String[] args) throws IOException {
        ToolOptions options = ToolOptions.parse(args, List.of("network", "width", "depth", "batch", "size", "passes", "threads", "out"));
        Path out = Path.of(options.required("out", "--out peak-memory.tsv"));
        String network = options.required("network", "--network stacked-unet (a bound backbone)");
        int width = options.number("width", 1);
        int depth = options.number("depth", 4);
        Measurement m = measure(options.number("threads", 2), network, spec(network, depth, width),
                options.number("batch", 1), options.number("size", 256), options.number("passes", 3));
        String header = Files.isRegularFile(out) && Files.size(out) > 0 ? "" : HEADER + "\n";
        Files.writeString(out, header + m.row() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
