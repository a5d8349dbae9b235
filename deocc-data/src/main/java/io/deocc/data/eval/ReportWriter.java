package io.deocc.data.eval;

import static io.deocc.api.DeoccException.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.io.AtomicFiles;
import io.deocc.api.io.ImageFiles;
import io.deocc.content.metrics.ContentMetricsSummary;
import io.deocc.mask.metrics.BinSummary;
import io.deocc.mask.metrics.IouStats;
import io.deocc.mask.metrics.MaskMetricsSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Writes an {@link EvaluationReport} to a folder: {@value #JSON_FILE} (metrics, skipped items, best and
 * worst cases), {@value #CSV_FILE} (one row per item, skipped ones with their reason), {@value #HTML_FILE}
 * (a self-contained page: tables and an inline SVG chart, no scripts, nothing fetched) and the best and
 * worst cases' panels as PNGs under {@value #PANEL_FOLDER}/. Every file is written atomically.
 *
 * <p>In JSON, a metric that is undefined (NaN: nothing scored) or infinite (PSNR of an exact recovery) is
 * written as {@code null}; the counts beside it say why.
 */
public final class ReportWriter {
    public static final String JSON_FILE = "report.json";
    public static final String CSV_FILE = "items.csv";
    public static final String HTML_FILE = "report.html";
    public static final String PANEL_FOLDER = "panels";
    /** The columns of {@value #CSV_FILE}. */
    public static final List<String> CSV_COLUMNS = List.of("index", "id", "status", "visible_ratio", "amodal_iou", "invisible_iou",
            "l1", "psnr", "ssim", "elapsed_ms", "skipped_in", "error_code", "reason");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {}

    /** Writes all files into {@code folder} (created when missing); returns the paths written. */
    public static List<Path> writeAll(EvaluationReport report, Path folder) {
        checkNotNull(report, "report");
        checkNotNull(folder, "report folder");
        List<Path> written = new ArrayList<>();
        written.addAll(writePanels(report, folder));
        Path json = folder.resolve(JSON_FILE);
        AtomicFiles.writeString(json, toJson(report));
        written.add(json);
        Path csv = folder.resolve(CSV_FILE);
        AtomicFiles.writeString(csv, toCsv(report));
        written.add(csv);
        Path html = folder.resolve(HTML_FILE);
        AtomicFiles.writeString(html, HtmlReport.render(report));
        written.add(html);
        return written;
    }

    /** The panel PNG of each best and worst case, under {@code folder/panels/}. */
    static List<Path> writePanels(EvaluationReport report, Path folder) {
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < report.best().size(); i++) {
            Path file = folder.resolve(panelPath("best", i, report.best().get(i)));
            ImageFiles.writePng(report.best().get(i).panel(), file);
            written.add(file);
        }
        for (int i = 0; i < report.worst().size(); i++) {
            Path file = folder.resolve(panelPath("worst", i, report.worst().get(i)));
            ImageFiles.writePng(report.worst().get(i).panel(), file);
            written.add(file);
        }
        return written;
    }

    /** The panel's path relative to the report folder, e.g. {@code panels/worst-03-scene-17.png}. */
    static String panelPath(String kind, int rank, CaseView view) {
        return PANEL_FOLDER + "/" + kind + "-" + String.format(Locale.ROOT, "%02d", rank + 1) + "-" + safeName(view.row().id()) + ".png";
    }

    /** Ids may hold any character; a file name keeps letters, digits, dot, dash and underscore. */
    static String safeName(String id) {
        String name = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 80) {
            name = name.substring(0, 80);
        }
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }

    /** The report as pretty-printed JSON (without per-item rows: those are in the CSV). */
    public static String toJson(EvaluationReport report) {
        checkNotNull(report, "report");
        ObjectNode root = JSON.createObjectNode();
        root.put("dataset", report.dataset());
        root.put("completer", report.completer().orElse(null));
        root.put("recoverer", report.recoverer().orElse(null));
        root.put("contentMasks", report.recoverer().isPresent() ? report.contentMasks().label() : null);
        root.put("items", report.itemsRead());
        root.put("scored", report.scoredCount());
        root.put("skipped", report.skippedCount());
        root.put("elapsedMillis", report.elapsedMillis());
        report.mask().ifPresent(mask -> root.set("mask", maskJson(mask)));
        report.content().ifPresent(content -> root.set("content", contentJson(content)));
        ArrayNode skipped = root.putArray("skippedItems");
        for (SkippedItem item : report.skipped()) {
            ObjectNode node = skipped.addObject();
            node.put("index", item.index());
            node.put("id", item.id());
            if (item.line() > 0) {
                node.put("line", item.line());
            }
            node.put("phase", item.phase().label());
            node.put("code", item.code().name());
            node.put("reason", item.reason());
        }
        root.put("rankedBy", report.rankedBy());
        root.set("best", casesJson("best", report.best()));
        root.set("worst", casesJson("worst", report.worst()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new DeoccException(ErrorCode.INTERNAL, "the report could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode maskJson(MaskMetricsSummary mask) {
        ObjectNode node = JSON.createObjectNode();
        node.put("count", mask.count());
        putFinite(node, "mIoU", mask.meanIou());
        putFinite(node, "globalIoU", mask.globalIou());
        putFinite(node, "invisibleMIoU", mask.invisibleMeanIou());
        putFinite(node, "invisibleGlobalIoU", mask.invisibleGlobalIou());
        node.put("invisibleCount", mask.invisible().count());
        node.put("invisibleSkipped", mask.invisibleSkipped());
        IouStats visible = mask.visible();
        putFinite(node, "visibleMIoU", visible.meanIou());
        ArrayNode bins = node.putArray("bins");
        for (BinSummary bin : mask.bins()) {
            ObjectNode b = bins.addObject();
            b.put("index", bin.index());
            b.put("lower", bin.lowerBound());
            b.put("upper", bin.upperBound());
            b.put("count", bin.count());
            putFinite(b, "mIoU", bin.meanIou());
            putFinite(b, "globalIoU", bin.globalIou());
        }
        return node;
    }

    private static ObjectNode contentJson(ContentMetricsSummary content) {
        ObjectNode node = JSON.createObjectNode();
        node.put("count", content.count());
        node.put("skippedEmptyRegion", content.skippedEmptyRegion());
        putFinite(node, "l1", content.meanL1());
        putFinite(node, "l2", content.meanL2());
        putFinite(node, "psnr", content.meanPsnr());
        node.put("psnrInfiniteCount", content.psnrInfiniteCount());
        putFinite(node, "ssim", content.meanSsim());
        putFinite(node, "pooledL1", content.pooledL1());
        putFinite(node, "pooledPsnr", content.pooledPsnr());
        return node;
    }

    private static ArrayNode casesJson(String kind, List<CaseView> cases) {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < cases.size(); i++) {
            ItemRow row = cases.get(i).row();
            ObjectNode node = array.addObject();
            node.put("index", row.index());
            node.put("id", row.id());
            node.put("visibleRatio", row.visibleRatio());
            putOptional(node, "amodalIoU", row.amodalIou());
            putOptional(node, "invisibleIoU", row.invisibleIou());
            putOptional(node, "l1", row.l1());
            putOptional(node, "psnr", row.psnr());
            putOptional(node, "ssim", row.ssim());
            node.put("panel", panelPath(kind, i, cases.get(i)));
        }
        return array;
    }

    private static void putOptional(ObjectNode node, String key, OptionalDouble value) {
        if (value.isPresent()) {
            putFinite(node, key, value.getAsDouble());
        }
    }

    private static void putFinite(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    /** One line per item in dataset order, scored and skipped alike, under the {@link #CSV_COLUMNS} header. */
    public static String toCsv(EvaluationReport report) {
        checkNotNull(report, "report");
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        List<ItemRow> rows = report.rows();
        List<SkippedItem> skipped = report.skipped();
        int r = 0;
        int s = 0;
        while (r < rows.size() || s < skipped.size()) {
            boolean rowNext = s >= skipped.size() || (r < rows.size() && rows.get(r).index() < skipped.get(s).index());
            if (rowNext) {
                ItemRow row = rows.get(r++);
                csv.append(row.index()).append(',').append(csvCell(row.id())).append(",scored,")
                        .append(number(row.visibleRatio())).append(',')
                        .append(number(row.amodalIou())).append(',').append(number(row.invisibleIou())).append(',')
                        .append(number(row.l1())).append(',').append(number(row.psnr())).append(',').append(number(row.ssim())).append(',')
                        .append(row.elapsedMillis()).append(",,,\n");
            } else {
                SkippedItem item = skipped.get(s++);
                csv.append(item.index()).append(',').append(csvCell(item.id())).append(",skipped,,,,,,,,")
                        .append(item.phase().label()).append(',').append(item.code().name()).append(',')
                        .append(csvCell(item.reason())).append('\n');
            }
        }
        return csv.toString();
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "";
    }

    /** Six decimals; +&infin; (an exact PSNR) as {@code inf}. */
    private static String number(double value) {
        if (value == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }

    /** RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes. */
    static String csvCell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
