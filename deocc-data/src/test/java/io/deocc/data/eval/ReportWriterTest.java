package io.deocc.data.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.content.composite.Panels;
import io.deocc.data.Sample;
import io.deocc.data.eval.TestSamples.ListSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final List<Sample> SAMPLES = TestSamples.samples(40, 5);

    @TempDir
    Path dir;

    private EvaluationReport report() {
        Sample bad = SAMPLES.get(1);
        return Evaluation.builder().completer(TestSamples.failingOn(bad.image(), TestSamples.boxCompleter()))
                .recoverer(TestSamples.greyRecoverer()).extremes(2).threads(2).build().run(ListSource.of(SAMPLES));
    }

    @Test
    void jsonHoldsTheMetricsSkippedItemsAndCases() throws IOException {
        EvaluationReport report = report();
        ReportWriter.writeAll(report, dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve(ReportWriter.JSON_FILE).toFile());
        assertEquals(5, json.get("items").asLong());
        assertEquals(4, json.get("scored").asLong());
        assertEquals(1, json.get("skipped").asLong());
        assertEquals("box", json.get("completer").asText());
        assertEquals("grey", json.get("recoverer").asText());
        assertEquals("ground-truth", json.get("contentMasks").asText());
        assertEquals(report.mask().orElseThrow().meanIou(), json.get("mask").get("mIoU").asDouble(), 0.0);
        assertEquals(10, json.get("mask").get("bins").size());
        assertEquals(report.content().orElseThrow().meanL1(), json.get("content").get("l1").asDouble(), 0.0);
        assertEquals(SAMPLES.get(1).id(), json.get("skippedItems").get(0).get("id").asText());
        assertEquals("mask", json.get("skippedItems").get(0).get("phase").asText());
        assertEquals(2, json.get("best").size());
        assertTrue(json.get("worst").get(0).get("panel").asText().startsWith("panels/worst-01-"));
    }

    @Test
    void csvHasAHeaderAndOneLinePerItemInDatasetOrder() throws IOException {
        ReportWriter.writeAll(report(), dir);

        List<String> lines = Files.readAllLines(dir.resolve(ReportWriter.CSV_FILE));
        assertEquals(String.join(",", ReportWriter.CSV_COLUMNS), lines.get(0));
        assertEquals(1 + SAMPLES.size(), lines.size());
        for (int i = 0; i < SAMPLES.size(); i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(ReportWriter.CSV_COLUMNS.size(), cells.length, lines.get(i + 1));
            assertEquals(Integer.toString(i), cells[0]);
            assertEquals(SAMPLES.get(i).id(), cells[1]);
            assertEquals(i == 1 ? "skipped" : "scored", cells[2]);
        }
        String[] skipped = lines.get(2).split(",", -1);
        assertEquals("mask", skipped[10]);
        assertEquals("INVALID_ARGUMENT", skipped[11]);
        assertTrue(skipped[12].contains("test failure"));
        String[] scored = lines.get(1).split(",", -1);
        assertEquals(SAMPLES.get(0).visibleRatio(), Double.parseDouble(scored[3]), 1e-6);
        assertFalse(scored[4].isEmpty(), "amodal IoU is filled");
    }

    @Test
    void htmlIsSelfContainedWithAChartAndThePanelsItReferences() throws IOException {
        EvaluationReport report = report();
        ReportWriter.writeAll(report, dir);

        String html = Files.readString(dir.resolve(ReportWriter.HTML_FILE));
        assertTrue(html.contains("<svg"), "inline SVG chart");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "nothing fetched");
        assertTrue(html.contains("n=" + report.mask().orElseThrow().bins().get(0).count()), "bin counts are shown");
        for (int i = 0; i < report.worst().size(); i++) {
            String src = ReportWriter.panelPath("worst", i, report.worst().get(i));
            assertTrue(html.contains("src=\"" + src + "\""), src);
            RgbImage panel = ImageFiles.readRgb(dir.resolve(src), ResourceLimits.defaults());
            assertEquals(4 * TestSamples.WIDTH + 3 * Panels.GAP, panel.width());
            assertEquals(TestSamples.HEIGHT, panel.height());
        }
        for (int i = 0; i < report.best().size(); i++) {
            assertTrue(Files.isRegularFile(dir.resolve(ReportWriter.panelPath("best", i, report.best().get(i)))));
        }
        assertTrue(html.contains(HtmlReport.escape(SAMPLES.get(1).id())), "skipped item listed");
    }

    @Test
    void unsafeIdsBecomeSafeFileNamesAndCsvCellsAreQuoted() {
        assertEquals("a_b_c.d-e", ReportWriter.safeName("a/b c.d-e"));
        assertEquals("_hidden", ReportWriter.safeName(".hidden"));
        assertEquals("\"a,b\"", ReportWriter.csvCell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", ReportWriter.csvCell("say \"hi\""));
        assertEquals("&lt;b&gt; &amp; &quot;", HtmlReport.escape("<b> & \""));
    }
}
