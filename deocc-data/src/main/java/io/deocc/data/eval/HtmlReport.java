package io.deocc.data.eval;

import io.deocc.content.metrics.ContentMetricsSummary;
import io.deocc.content.composite.Panels;
import io.deocc.mask.metrics.BinSummary;
import io.deocc.mask.metrics.MaskMetricsSummary;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The self-contained HTML page of a report: inline CSS and SVG, no scripts, nothing fetched; the only
 * external files are the case panels written next to it.
 */
final class HtmlReport {
    /** Skipped items listed in the page; the CSV lists them all. */
    static final int MAX_SKIPPED_SHOWN = 50;
    private static final int CHART_WIDTH = 760;
    private static final int CHART_HEIGHT = 300;
    private static final int MARGIN_LEFT = 50;
    private static final int MARGIN_BOTTOM = 50;
    private static final int MARGIN_TOP = 30;
    /** Panels narrower than this are enlarged towards it. */
    private static final int TARGET_PANEL_WIDTH = 1100;

    private HtmlReport() {}

    static String render(EvaluationReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>deocc evaluation: ")
                .append(escape(report.dataset())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}")
                .append("th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".case{margin:10px 0 18px}.case img{max-width:100%;height:auto;image-rendering:pixelated;border:1px solid #999}")
                .append(".swatch{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle;border:1px solid #666}")
                .append("\n</style>\n</head>\n<body>\n");
        html.append("<h1>deocc evaluation</h1>\n<table>\n");
        row(html, "dataset", escape(report.dataset()));
        row(html, "mask completer", escape(report.completer().orElse("(not evaluated)")));
        row(html, "content recoverer", escape(report.recoverer().orElse("(not evaluated)")));
        if (report.recoverer().isPresent()) {
            row(html, "content masks", escape(report.contentMasks().label()));
        }
        row(html, "items", report.itemsRead() + " read, " + report.scoredCount() + " scored, " + report.skippedCount() + " skipped");
        row(html, "wall time", String.format(Locale.ROOT, "%.1f s", report.elapsedMillis() / 1000.0));
        html.append("</table>\n");
        report.mask().ifPresent(mask -> maskSection(html, mask));
        report.content().ifPresent(content -> contentSection(html, content));
        casesSection(html, report);
        skippedSection(html, report.skipped());
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void maskSection(StringBuilder html, MaskMetricsSummary mask) {
        html.append("<h2>Mask completion</h2>\n<table>\n<tr><th>metric</th><th>value</th><th>instances</th></tr>\n");
        metricRow(html, "amodal mIoU", mask.meanIou(), mask.count());
        metricRow(html, "amodal global IoU", mask.globalIou(), mask.count());
        metricRow(html, "invisible mIoU", mask.invisibleMeanIou(), mask.invisible().count());
        metricRow(html, "invisible global IoU", mask.invisibleGlobalIou(), mask.invisible().count());
        html.append("</table>\n<h3>Amodal mIoU by visible ratio</h3>\n");
        html.append(binChart(mask.bins()));
        html.append("\n<table>\n<tr><th>visible ratio</th><th>instances</th><th>mIoU</th><th>global IoU</th></tr>\n");
        for (BinSummary bin : mask.bins()) {
            html.append("<tr><td>").append(binLabel(bin)).append("</td><td class=\"num\">").append(bin.count())
                    .append("</td><td class=\"num\">").append(format(bin.meanIou())).append("</td><td class=\"num\">")
                    .append(format(bin.globalIou())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Bars of mIoU per bin, labelled with the value and the instance count; empty bins show "n=0". */
    static String binChart(List<BinSummary> bins) {
        int plotWidth = CHART_WIDTH - MARGIN_LEFT - 10;
        int plotHeight = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
        double slot = plotWidth / (double) bins.size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT)
                .append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT)
                .append("\" role=\"img\" aria-label=\"amodal mIoU by visible-ratio bin\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT).append("\" fill=\"#fff\"/>\n");
        for (int tick = 0; tick <= 4; tick++) {
            double value = tick / 4.0;
            double y = MARGIN_TOP + plotHeight * (1 - value);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    MARGIN_LEFT, y, CHART_WIDTH - 10, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", MARGIN_LEFT - 6, y + 4, value));
        }
        for (int i = 0; i < bins.size(); i++) {
            BinSummary bin = bins.get(i);
            double x = MARGIN_LEFT + i * slot;
            double centre = x + slot / 2;
            if (bin.count() > 0) {
                double height = plotHeight * bin.meanIou();
                double top = MARGIN_TOP + plotHeight - height;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b7dd8\"/>%n",
                        x + slot * 0.15, top, slot * 0.7, height));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.3f</text>%n",
                        centre, top - 5, bin.meanIou()));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    centre, MARGIN_TOP + plotHeight + 16, binLabel(bin)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">n=%d</text>%n",
                    centre, MARGIN_TOP + plotHeight + 32, bin.count()));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
                MARGIN_LEFT, MARGIN_TOP + plotHeight, CHART_WIDTH - 10, MARGIN_TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">visible ratio</text>%n",
                MARGIN_LEFT + plotWidth / 2, CHART_HEIGHT - 4));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">amodal mIoU</text>%n", 4, MARGIN_TOP - 12));
        svg.append("</svg>");
        return svg.toString();
    }

    private static String binLabel(BinSummary bin) {
        return String.format(Locale.ROOT, "%.1f–%.1f", bin.lowerBound(), bin.upperBound());
    }

    private static void contentSection(StringBuilder html, ContentMetricsSummary content) {
        html.append("<h2>Content recovery (inside the ground-truth invisible region)</h2>\n<table>\n")
                .append("<tr><th>metric</th><th>value</th><th>instances</th></tr>\n");
        metricRow(html, "L1 (intensities in [0, 1])", content.meanL1(), content.count());
        metricRow(html, "L2 (intensities in [0, 1])", content.meanL2(), content.count());
        html.append("<tr><td>PSNR (dB)</td><td class=\"num\">").append(formatDb(content.meanPsnr())).append("</td><td class=\"num\">")
                .append(content.count() - content.psnrInfiniteCount()).append(" (").append(content.psnrInfiniteCount())
                .append(" exact, left out)</td></tr>\n");
        metricRow(html, "SSIM", content.meanSsim(), content.count());
        html.append("</table>\n");
        if (content.skippedEmptyRegion() > 0) {
            html.append("<p>").append(content.skippedEmptyRegion()).append(" fully visible people have no hidden region to score.</p>\n");
        }
    }

    private static void casesSection(StringBuilder html, EvaluationReport report) {
        if (report.best().isEmpty() && report.worst().isEmpty()) {
            return;
        }
        html.append("<h2>Best and worst cases (by ").append(escape(report.rankedBy())).append(")</h2>\n<p>Each panel: input | ")
                .append("the completer's input mask tinted | predicted amodal mask against the ground truth | composite. Colours:")
                .append(swatch(Panels.VISIBLE_COLOUR)).append("truly visible")
                .append(swatch(Panels.HIDDEN_COLOUR)).append("hidden, predicted and true")
                .append(swatch(Panels.FALSE_POSITIVE_COLOUR)).append("predicted, not true")
                .append(swatch(Panels.MISSED_COLOUR)).append("true, missed</p>\n");
        cases(html, "Worst", "worst", report.worst());
        cases(html, "Best", "best", report.best());
    }

    private static void cases(StringBuilder html, String title, String kind, List<CaseView> views) {
        html.append("<h3>").append(title).append("</h3>\n");
        for (int i = 0; i < views.size(); i++) {
            ItemRow row = views.get(i).row();
            String src = ReportWriter.panelPath(kind, i, views.get(i));
            html.append("<div class=\"case\"><div><b>").append(i + 1).append(". ").append(escape(row.id())).append("</b> — visible ratio ")
                    .append(format(row.visibleRatio()));
            appendMetric(html, "amodal IoU", row.amodalIou());
            appendMetric(html, "invisible IoU", row.invisibleIou());
            appendMetric(html, "L1", row.l1());
            if (row.psnr().isPresent()) {
                html.append(", PSNR ").append(formatDb(row.psnr().getAsDouble())).append(" dB");
            }
            appendMetric(html, "SSIM", row.ssim());
            html.append("</div><img src=\"").append(escape(src)).append("\"").append(displayWidth(views.get(i)))
                    .append(" alt=\"panel of ").append(escape(row.id())).append("\"></div>\n");
        }
    }

    /** Small panels are shown enlarged by a whole factor, so that pixels stay crisp and people stay visible. */
    static String displayWidth(CaseView view) {
        int width = view.input().width();
        if (Math.max(width, view.input().height()) > Panels.MAX_TILE_SIDE) {
            return "";
        }
        int panelWidth = 4 * width + 3 * Panels.GAP;
        int factor = Math.max(1, TARGET_PANEL_WIDTH / panelWidth);
        return " width=\"" + panelWidth * factor + "\"";
    }

    private static void appendMetric(StringBuilder html, String name, OptionalDouble value) {
        if (value.isPresent()) {
            html.append(", ").append(name).append(' ').append(format(value.getAsDouble()));
        }
    }

    private static void skippedSection(StringBuilder html, List<SkippedItem> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        html.append("<h2>Skipped items (").append(skipped.size()).append(")</h2>\n<table>\n")
                .append("<tr><th>item</th><th>id</th><th>phase</th><th>code</th><th>reason</th></tr>\n");
        for (SkippedItem item : skipped.subList(0, Math.min(skipped.size(), MAX_SKIPPED_SHOWN))) {
            html.append("<tr><td class=\"num\">").append(item.index()).append("</td><td>").append(escape(item.id())).append("</td><td>")
                    .append(item.phase().label()).append("</td><td>").append(item.code().name()).append("</td><td>")
                    .append(escape(item.reason())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (skipped.size() > MAX_SKIPPED_SHOWN) {
            html.append("<p>… and ").append(skipped.size() - MAX_SKIPPED_SHOWN).append(" more: see ").append(ReportWriter.CSV_FILE).append(".</p>\n");
        }
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>\n");
    }

    private static void metricRow(StringBuilder html, String name, double value, long count) {
        html.append("<tr><td>").append(name).append("</td><td class=\"num\">").append(format(value)).append("</td><td class=\"num\">")
                .append(count).append("</td></tr>\n");
    }

    private static String swatch(int rgb) {
        return String.format(Locale.ROOT, "<span class=\"swatch\" style=\"background:#%06x\"></span>", rgb);
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String formatDb(double value) {
        if (value == Double.POSITIVE_INFINITY) {
            return "∞";
        }
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
