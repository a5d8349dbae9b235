package io.deocc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results and {@link PeakMemory}'s rows into a Markdown report: a latency table (with
 * GMAC per pass and GMAC/s where a memory row of the same configuration gives the count) and a memory
 * table. Usage: {@code BenchReport jmh-results.json peak-memory.tsv} (either may be a missing file,
 * then its table is left out) and the report to write.
 */
public final class BenchReport {
    private static final String TRAINING_BENCHMARK = "TrainingStepBenchmark.step";
    private static final double MIB = 1024.0;

    private BenchReport() {
    }

    /** The report for JMH's JSON text and the memory TSV text (header line first); either may be empty. */
    public static String markdown(String jmhJson, String memoryTsv) {
        DeoccException.checkNotNull(jmhJson, "jmhJson");
        DeoccException.checkNotNull(memoryTsv, "memoryTsv");
        List<Map<String, String>> memory = tsv(memoryTsv);
        Map<String, Map<String, String>> memoryByConfig = new HashMap<>();
        for (Map<String, String> row : memory) {
            memoryByConfig.put(key(row.get("network"), row.get("width"), row.get("depth"), row.get("batch"), row.get("size")), row);
        }
        StringBuilder out = new StringBuilder();
        if (!jmhJson.isBlank()) {
            List<JsonNode> latency = new ArrayList<>();
            List<JsonNode> training = new ArrayList<>();
            for (JsonNode result : parse(jmhJson)) {
                (result.path("benchmark").asText().endsWith(TRAINING_BENCHMARK) ? training : latency).add(result);
            }
            if (!latency.isEmpty()) {
                out.append("## Inference latency (JMH, average time per forward pass)\n\n")
                        .append("| benchmark | network | width | depth | batch | size | ms/pass | ± (99.9 %) | ms/image | GMAC/pass | GMAC/s |\n")
                        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
                for (JsonNode result : latency) {
                    out.append(latencyRow(result, memoryByConfig)).append('\n');
                }
                out.append('\n');
            }
            if (!training.isEmpty()) {
                out.append("## Training steps (JMH, the shipped recipes)\n\n")
                        .append("| stage | batch | threads | steps/s | ± (99.9 %) | samples/s |\n")
                        .append("|---|---|---|---|---|---|\n");
                for (JsonNode result : training) {
                    out.append(trainingRow(result)).append('\n');
                }
                out.append('\n');
            }
        }
        if (!memory.isEmpty()) {
            out.append("## Peak memory (one JVM per row)\n\n")
                    .append("| network | width | depth | batch | size | passes | GMAC/pass | RSS after libtorch load (MiB) | peak RSS (MiB) | peak − baseline (MiB) | live arrays before → after | first pass (ms) |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, String> row : memory) {
                long baseline = Long.parseLong(row.get("baselineRssKiB"));
                long peak = Long.parseLong(row.get("peakRssKiB"));
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.2f | %.0f | %.0f | %.0f | %s → %s | %s |%n",
                        row.get("network"), row.get("width"), row.get("depth"), row.get("batch"), row.get("size"),
                        row.get("passes"), Long.parseLong(row.get("macs")) / 1e9, baseline / MIB, peak / MIB,
                        (peak - baseline) / MIB, row.get("liveArraysBefore"), row.get("liveArraysAfter"),
                        row.get("firstPassMs")));
            }
        }
        return out.toString();
    }

    private static String latencyRow(JsonNode result, Map<String, Map<String, String>> memoryByConfig) {
        String benchmark = result.path("benchmark").asText();
        String simpleName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        JsonNode params = result.path("params");
        String network = params.has("network") ? params.get("network").asText()
                : benchmark.contains("MaskNetworkBenchmark") ? "stacked-unet" : "?";
        String width = params.path("width").asText("-");
        String depth = params.path("depth").asText("-");
        String batch = params.path("batch").asText("1");
        String size = params.path("size").asText("-");
        JsonNode metric = result.path("primaryMetric");
        double ms = metric.path("score").asDouble();
        double error = metric.path("scoreError").asDouble(Double.NaN);
        String unit = metric.path("scoreUnit").asText();
        if (!unit.equals("ms/op")) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "benchmark " + benchmark + " reports " + unit
                    + ": run the benchmarks in AverageTime mode with milliseconds (their defaults)");
        }
        Map<String, String> memory = memoryByConfig.get(key(network, width, depth, batch, size));
        String gmac = "–";
        String gmacPerSecond = "–";
        if (memory != null) {
            double g = Long.parseLong(memory.get("macs")) / 1e9;
            gmac = String.format(Locale.ROOT, "%.2f", g);
            gmacPerSecond = String.format(Locale.ROOT, "%.1f", g / (ms / 1000.0));
        }
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.1f | %s | %.1f | %s | %s |", simpleName, network,
                width, depth, batch, size, ms, Double.isNaN(error) ? "–" : String.format(Locale.ROOT, "%.1f", error),
                ms / Integer.parseInt(batch), gmac, gmacPerSecond);
    }

    private static String trainingRow(JsonNode result) {
        JsonNode params = result.path("params");
        JsonNode metric = result.path("primaryMetric");
        String unit = metric.path("scoreUnit").asText();
        if (!unit.equals("ops/s")) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "training benchmark reports " + unit
                    + ": run it in Throughput mode per second (its default)");
        }
        double steps = metric.path("score").asDouble();
        double error = metric.path("scoreError").asDouble(Double.NaN);
        int batch = Integer.parseInt(params.path("batch").asText("1"));
        return String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %s | %.1f |", params.path("stage").asText("?"), batch,
                params.path("threads").asText("-"), steps,
                Double.isNaN(error) ? "–" : String.format(Locale.ROOT, "%.2f", error), steps * batch);
    }

    /** Depth does not shape the content networks (always 7 levels), so it is left out of their key. */
    private static String key(String network, String width, String depth, String batch, String size) {
        String usedDepth = network.startsWith("pconv-") ? "" : depth;
        return String.join("|", network, width, usedDepth, batch, size);
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            if (!root.isArray()) {
                throw DeoccException.invalidArgument("JMH results are not a JSON array: pass the file written by -rf json");
            }
            return root;
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "JMH results are not valid JSON (" + e.getMessage()
                    + "): pass the file written by -rf json", e);
        }
    }

    private static List<Map<String, String>> tsv(String text) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (text.isBlank()) {
            return rows;
        }
        String[] lines = text.strip().split("\n");
        String[] header = lines[0].strip().split("\t");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].strip().split("\t");
            if (cells.length != header.length) {
                throw DeoccException.invalidArgument("memory row " + i + " has " + cells.length + " cells but the header has "
                        + header.length + ": pass the TSV that PeakMemory --out writes, its header line first");
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Command-line entry: {@code BenchReport JMH_JSON MEMORY_TSV OUT_MD} writes the Markdown report to
     * {@code OUT_MD} (a missing input file leaves its table out).
     */
    public static void main(String[] args) throws IOException {
        DeoccException.checkArgument(args.length == 3, "BenchReport takes JMH_JSON MEMORY_TSV OUT_MD, got "
                + args.length + " arguments: give the two result files and the report to write");
        Files.writeString(Path.of(args[2]), markdown(readIfPresent(Path.of(args[0])), readIfPresent(Path.of(args[1]))),
                StandardCharsets.UTF_8);
    }

    private static String readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
