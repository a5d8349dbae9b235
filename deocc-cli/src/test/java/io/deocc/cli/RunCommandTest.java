package io.deocc.cli;

import static io.deocc.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.cli.CliHarness.Outcome;
import io.deocc.content.composite.Panels;
import io.deocc.runtime.PluginRegistry;
import io.deocc.synth.Scene;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceLimits LIMITS = ResourceLimits.defaults();

    @TempDir
    Path dir;

    @Test
    void writesSixImagesPerPersonAndASummary() throws IOException {
        Scene scene = CliHarness.scene(11);
        Path[] files = CliHarness.writeScene(scene, dir, "street");
        Path out = dir.resolve("result");

        Outcome outcome = run(dir, "run", files[0].toString(), "--masks", files[1].toString(), "--out", out.toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertEquals("", outcome.err(), outcome::toString);
        Path person = out.resolve("person-1");
        for (String name : PersonOutputs.FILES) {
            assertTrue(Files.isRegularFile(person.resolve(name)), name + " missing");
        }
        RgbImage input = ImageFiles.readRgb(files[0], LIMITS);
        BinaryMask visible = ImageFiles.readMask(person.resolve("refined-visible.png"), LIMITS);
        BinaryMask amodal = ImageFiles.readMask(person.resolve("amodal.png"), LIMITS);
        BinaryMask invisible = ImageFiles.readMask(person.resolve("invisible.png"), LIMITS);
        RgbImage composite = ImageFiles.readRgb(person.resolve("composite.png"), LIMITS);
        assertFalse(visible.isEmpty());
        assertTrue(amodal.containsAll(visible), "amodal.png must contain refined-visible.png");
        assertEquals(amodal.andNot(visible), invisible, "invisible.png must be amodal minus visible");
        for (int i = 0; i < visible.width() * visible.height(); i++) {
            int x = i % visible.width();
            int y = i / visible.width();
            if (visible.get(i)) {
                assertEquals(input.rgb(x, y), composite.rgb(x, y), "composite differs from the input at visible pixel " + x + "," + y);
            }
        }
        BufferedImage layer = ImageFiles.decode(person.resolve("layer.png"), LIMITS);
        assertTrue(layer.getColorModel().hasAlpha(), "layer.png must have an alpha channel");
        for (int y = 0; y < layer.getHeight(); y++) {
            for (int x = 0; x < layer.getWidth(); x++) {
                boolean opaque = (layer.getRGB(x, y) >>> 24) != 0;
                assertEquals(amodal.get(x, y), opaque, "layer alpha must be the amodal mask at " + x + "," + y);
            }
        }

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(files[0].toString(), summary.get("image").asText());
        assertEquals(CliHarness.WIDTH, summary.get("width").asInt());
        assertEquals(CliHarness.HEIGHT, summary.get("height").asInt());
        assertEquals(1, summary.get("people").size());
        assertEquals(0, summary.get("failures").size());
        JsonNode first = summary.get("people").get(0);
        assertEquals(1, first.get("id").asInt());
        assertEquals(visible.area(), first.get("visibleArea").asInt());
        assertEquals(amodal.area(), first.get("amodalArea").asInt());
        assertEquals(amodal.area() - visible.area(), first.get("invisibleArea").asInt());
        assertEquals(visible.area() / (double) amodal.area(), first.get("visibleRatio").asDouble(), 1e-9);
        assertEquals(scene.visible().area(), first.get("segmentedArea").asInt());
        Box box = scene.visible().boundingBox().orElseThrow();
        assertEquals(box.x(), first.get("box").get("x").asInt());
        assertEquals(box.width(), first.get("box").get("width").asInt());
        assertTrue(first.get("elapsedMs").asLong() >= 0);
        for (JsonNode file : first.get("files")) {
            assertTrue(Files.isRegularFile(out.resolve(file.asText())), "summary names a missing file " + file);
        }
        assertEquals("mask-file", first.get("components").get("segmenter").get("name").asText());
        assertEquals("reference", first.get("components").get("mask-completer").get("name").asText());
        assertEquals("reference", summary.get("components").get("content-recoverer").get("name").asText());
        assertEquals("java", summary.get("components").get("content-recoverer").get("engine").asText());

        List<String> lines = outcome.out().lines().toList();
        assertEquals(1, lines.size(), outcome::toString);
        assertTrue(lines.get(0).startsWith("person 1:"), lines.get(0));
    }

    @Test
    void panelShowsInputTintedMaskAmodalAndCompositeSideBySide() {
        Scene scene = CliHarness.scene(12);
        Path[] files = CliHarness.writeScene(scene, dir, "panel");
        Path out = dir.resolve("out");
        assertEquals(0, run(dir, "run", files[0].toString(), "--masks", files[1].toString(), "-o", out.toString()).exitCode());

        Path person = out.resolve("person-1");
        RgbImage panel = ImageFiles.readRgb(person.resolve("panel.png"), LIMITS);
        RgbImage input = scene.image();
        RgbImage composite = ImageFiles.readRgb(person.resolve("composite.png"), LIMITS);
        BinaryMask visible = ImageFiles.readMask(person.resolve("refined-visible.png"), LIMITS);
        BinaryMask invisible = ImageFiles.readMask(person.resolve("invisible.png"), LIMITS);
        int w = input.width();
        assertEquals(4 * w + 3 * Panels.GAP, panel.width());
        assertEquals(input.height(), panel.height());
        int tinted = w + Panels.GAP;
        int masks = 2 * (w + Panels.GAP);
        int last = 3 * (w + Panels.GAP);
        for (int y = 0; y < input.height(); y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(input.rgb(x, y), panel.rgb(x, y), "input tile at " + x + "," + y);
                int expectedTint = visible.get(x, y) ? Panels.blend(input.rgb(x, y), Panels.VISIBLE_COLOUR, Panels.TINT) : input.rgb(x, y);
                assertEquals(expectedTint, panel.rgb(tinted + x, y), "tinted tile at " + x + "," + y);
                int expectedMask = visible.get(x, y) ? Panels.VISIBLE_COLOUR : invisible.get(x, y) ? Panels.HIDDEN_COLOUR : Panels.BACKGROUND_COLOUR;
                assertEquals(expectedMask, panel.rgb(masks + x, y), "amodal tile at " + x + "," + y);
                assertEquals(composite.rgb(x, y), panel.rgb(last + x, y), "composite tile at " + x + "," + y);
            }
        }
    }

    @Test
    void jsonFlagPrintsTheSummaryThatIsWritten() throws IOException {
        Path[] files = CliHarness.writeScene(CliHarness.scene(13), dir, "json");
        Path out = dir.resolve("out");

        Outcome outcome = run(dir, "run", files[0].toString(), "--masks", files[1].toString(), "--out", out.toString(), "--json");

        assertEquals(0, outcome.exitCode(), outcome::toString);
        JsonNode printed = JSON.readTree(outcome.out());
        assertEquals(JSON.readTree(out.resolve("summary.json").toFile()), printed);
        assertEquals(1, printed.get("people").size());
    }

    @Test
    void labelImageGivesOnePersonPerId() {
        Scene scene = CliHarness.scene(14);
        Path image = CliHarness.writeScene(scene, dir, "labels")[0];
        // Two people: the scene's person, and a block in the top-left corner away from it.
        BinaryMask block = BinaryMask.ofBox(scene.width(), scene.height(), new Box(0, 0, 6, 6)).andNot(scene.amodal());
        assertFalse(block.isEmpty());
        Path labels = CliHarness.writeLabels(dir.resolve("ids.png"), scene.visible(), block);
        Path out = dir.resolve("out");

        Outcome outcome = run(dir, "run", image.toString(), "--labels", labels.toString(), "--out", out.toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertTrue(Files.isRegularFile(out.resolve("person-1/panel.png")));
        assertTrue(Files.isRegularFile(out.resolve("person-2/panel.png")));
        assertEquals(2, outcome.out().lines().count());
    }

    @Test
    void cocoAnnotationsGiveThePeople() throws IOException {
        Scene scene = CliHarness.scene(15);
        Path image = CliHarness.writeScene(scene, dir, "coco-scene")[0];
        Path annotations = dir.resolve("ann.json");
        Files.writeString(annotations, CliHarness.cocoJson("coco-scene.png", 42, scene.width(), scene.height(), CliHarness.cocoRle(scene.visible())));

        Outcome byName = run(dir, "run", image.toString(), "--coco", annotations.toString(), "--out", dir.resolve("a").toString());
        Outcome byId = run(dir, "run", image.toString(), "--coco", annotations.toString(), "--coco-image-id", "42",
                "--out", dir.resolve("b").toString());

        assertEquals(0, byName.exitCode(), byName::toString);
        assertEquals(0, byId.exitCode(), byId::toString);
        BinaryMask read = ImageFiles.readMask(dir.resolve("a/person-1/refined-visible.png"), LIMITS);
        assertFalse(read.isEmpty());
        JsonNode summary = JSON.readTree(dir.resolve("b/summary.json").toFile());
        assertEquals("coco-json", summary.get("components").get("segmenter").get("name").asText());
        assertEquals(scene.visible().area(), summary.get("people").get(0).get("segmentedArea").asInt());
    }

    @Test
    void defaultOutputFolderIsOutSlashTheImageStem() {
        Path[] files = CliHarness.writeScene(CliHarness.scene(16), dir, "my.photo");

        Outcome outcome = run(dir, "run", files[0].toString(), "--masks", files[1].toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        assertTrue(Files.isRegularFile(dir.resolve("out/my.photo/summary.json")));
        assertTrue(Files.isRegularFile(dir.resolve("out/my.photo/person-1/composite.png")));
    }

    @Test
    void maskTouchingTheBorderStillWorks() {
        Scene scene = CliHarness.scene(17);
        // Crop the scene through the person so that its visible part reaches the left edge.
        Box visibleBox = scene.visible().boundingBox().orElseThrow();
        int cut = visibleBox.x() + visibleBox.width() / 2;
        while (!columnHasPixels(scene.visible(), cut)) {
            cut++; // an occluder may cover the middle column: cut where the person shows
        }
        Box crop = new Box(cut, 0, scene.width() - cut, scene.height());
        BinaryMask mask = scene.visible().crop(crop);
        assertTrue(mask.touchesBorder() && !mask.isEmpty(), "test setup: the cropped mask must touch the border");
        Path image = dir.resolve("edge.png");
        Path maskFile = dir.resolve("edge-mask.png");
        ImageFiles.writePng(scene.image().crop(crop), image);
        ImageFiles.writePng(mask, maskFile);
        Path out = dir.resolve("out");

        Outcome outcome = run(dir, "run", image.toString(), "--masks", maskFile.toString(), "--out", out.toString());

        assertEquals(0, outcome.exitCode(), outcome::toString);
        BinaryMask amodal = ImageFiles.readMask(out.resolve("person-1/amodal.png"), LIMITS);
        assertTrue(amodal.containsAll(ImageFiles.readMask(out.resolve("person-1/refined-visible.png"), LIMITS)));
    }

    private static boolean columnHasPixels(BinaryMask mask, int x) {
        for (int y = 0; y < mask.height(); y++) {
            if (mask.get(x, y)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void configFileThenFlagsThenSetWin() throws IOException {
        Path[] files = CliHarness.writeScene(CliHarness.scene(18), dir, "cfg");
        Path config = dir.resolve("pipeline.properties");
        Files.writeString(config, "limits.max-image-pixels = 100\nmask-completer = no-such-completer\n");

        // The file alone: its unknown completer is used, so the run fails.
        Outcome fileOnly = run(dir, "run", files[0].toString(), "--masks", files[1].toString(), "--config", config.toString(),
                "--set", "limits.max-image-pixels=1000000", "--out", dir.resolve("a").toString());
        // The flag overrides the file's completer and --set its limit.
        Outcome overridden = run(dir, "run", files[0].toString(), "--masks", files[1].toString(), "--config", config.toString(),
                "--completer", "reference", "--set", "limits.max-image-pixels=1000000", "--out", dir.resolve("b").toString());
        // --set overrides the flag.
        Outcome setWins = run(dir, "run", files[0].toString(), "--masks", files[1].toString(), "--completer", "reference",
                "--set", "mask-completer=no-such-completer", "--out", dir.resolve("c").toString());

        assertEquals(1, fileOnly.exitCode(), fileOnly::toString);
        assertTrue(fileOnly.err().contains("no-such-completer"), fileOnly::toString);
        assertEquals(0, overridden.exitCode(), overridden::toString);
        JsonNode summary = JSON.readTree(dir.resolve("b/summary.json").toFile());
        assertEquals("1000000", summary.get("config").get("limits.max-image-pixels").asText());
        assertEquals(1, setWins.exitCode(), setWins::toString);
        assertTrue(setWins.err().contains("no-such-completer"), setWins::toString);
    }

    @Test
    void aFailedPersonIsReportedWhileTheOthersAreWritten() throws IOException {
        Path[] files = CliHarness.writeScene(CliHarness.scene(19), dir, "two");
        Path out = dir.resolve("out");

        Outcome outcome = run(dir, () -> PluginRegistry.of(List.of(new FakePlugin())), "run", files[0].toString(),
                "--segmenter", "halves", "--completer", "reject-second", "--recoverer", "paint-white", "--out", out.toString());

        assertEquals(1, outcome.exitCode(), outcome::toString);
        assertEquals(1, outcome.errLines().size(), outcome::toString);
        assertTrue(outcome.err().startsWith("deocc: person 2 failed"), outcome::toString);
        assertTrue(outcome.err().contains("rejects person 2"), outcome::toString);
        assertTrue(Files.isRegularFile(out.resolve("person-1/composite.png")));
        assertFalse(Files.exists(out.resolve("person-2")));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.get("people").size());
        assertEquals(2, summary.get("failures").get(0).get("id").asInt());
        assertEquals("INVALID_ARGUMENT", summary.get("failures").get(0).get("errorCode").asText());
    }

    @Test
    void unexpectedComponentErrorsExitWithTwo() {
        Path[] files = CliHarness.writeScene(CliHarness.scene(20), dir, "boom");
        for (String segmenter : List.of("explode", "buggy")) {
            Path out = dir.resolve("out-" + segmenter);
            Outcome outcome = run(dir, () -> PluginRegistry.of(List.of(new FakePlugin())), "run", files[0].toString(),
                    "--segmenter", segmenter, "--completer", "reject-second", "--recoverer", "paint-white", "--out", out.toString());

            assertEquals(2, outcome.exitCode(), outcome::toString);
            assertEquals(1, outcome.errLines().size(), outcome::toString);
            assertTrue(outcome.err().startsWith("deocc: "), outcome::toString);
            assertTrue(outcome.err().contains("fake segmenter"), outcome::toString);
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void verboseAddsTheStackTrace() {
        Outcome outcome = run(dir, "run", dir.resolve("missing.png").toString(), "--masks", "m.png", "--verbose");

        assertEquals(1, outcome.exitCode(), outcome::toString);
        List<String> lines = outcome.errLines();
        assertTrue(lines.get(0).startsWith("deocc: ") && lines.get(0).contains("missing.png"), outcome::toString);
        assertTrue(lines.size() > 1 && outcome.err().contains("at io.deocc"), outcome::toString);
    }

    @Test
    void badInputIsReportedInOneLineAndWritesNothing() throws IOException {
        Scene scene = CliHarness.scene(21);
        Path[] good = CliHarness.writeScene(scene, dir, "good");
        String image = good[0].toString();
        String mask = good[1].toString();

        Path truncated = dir.resolve("truncated.png");
        byte[] bytes = Files.readAllBytes(good[0]);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path smallMask = dir.resolve("small-mask.png");
        ImageFiles.writePng(BinaryMask.ofBox(10, 10, new Box(2, 2, 4, 4)), smallMask);
        Path emptyMask = dir.resolve("empty-mask.png");
        ImageFiles.writePng(BinaryMask.empty(scene.width(), scene.height()), emptyMask);
        Path badRle = dir.resolve("bad-rle.json");
        Files.writeString(badRle, CliHarness.cocoJson("good.png", 1, scene.width(), scene.height(), List.of(5, 3, 2)));
        Path annotations = dir.resolve("ann.json");
        Files.writeString(annotations, CliHarness.cocoJson("good.png", 1, scene.width(), scene.height(), CliHarness.cocoRle(scene.visible())));
        Path brokenConfig = dir.resolve("broken.json");
        Files.writeString(brokenConfig, "{\"mask-completer\": ");

        List<BadInput> cases = List.of(
                new BadInput("missing image", List.of("missing.png"), "run", dir.resolve("missing.png").toString(), "--masks", mask),
                new BadInput("truncated PNG", List.of("truncated.png"), "run", truncated.toString(), "--masks", mask),
                new BadInput("image over the pixel limit", List.of("100"), "run", image, "--masks", mask,
                        "--set", "limits.max-image-pixels=100"),
                new BadInput("mask of the wrong size", List.of("small-mask.png", "10x10"), "run", image, "--masks", smallMask.toString()),
                new BadInput("empty mask", List.of("empty-mask.png"), "run", image, "--masks", emptyMask.toString()),
                new BadInput("missing mask", List.of("nope-mask.png"), "run", image, "--masks", dir.resolve("nope-mask.png").toString()),
                new BadInput("unknown completer", List.of("no-such", "reference"), "run", image, "--masks", mask, "--completer", "no-such"),
                new BadInput("unknown segmenter", List.of("no-such", "mask-file", "coco-json"), "run", image, "--masks", mask,
                        "--segmenter", "no-such"),
                new BadInput("unknown recoverer", List.of("nada", "reference"), "run", image, "--masks", mask, "--recoverer", "nada"),
                new BadInput("invalid component name", List.of("Bad_Name"), "run", image, "--masks", mask, "--completer", "Bad_Name"),
                new BadInput("COCO with a bad RLE", List.of("bad-rle.json"), "run", image, "--coco", badRle.toString()),
                new BadInput("COCO unknown image id", List.of("999"), "run", image, "--coco", annotations.toString(), "--coco-image-id", "999"),
                new BadInput("COCO file missing", List.of("absent.json"), "run", image, "--coco", dir.resolve("absent.json").toString()),
                new BadInput("bad --set key", List.of("nonsense.key"), "run", image, "--masks", mask, "--set", "nonsense.key=1"),
                new BadInput("bad component setting", List.of("wobble"), "run", image, "--masks", mask, "--set", "mask-completer.wobble=3"),
                new BadInput("bad limit value", List.of("lots"), "run", image, "--masks", mask, "--set", "limits.max-people=lots"),
                new BadInput("--set without =", List.of("--set"), "run", image, "--masks", mask, "--set", "novalue"),
                new BadInput("missing config file", List.of("nothere.properties"), "run", image, "--masks", mask,
                        "--config", dir.resolve("nothere.properties").toString()),
                new BadInput("broken config file", List.of("broken.json"), "run", image, "--masks", mask, "--config", brokenConfig.toString()),
                new BadInput("masks and labels together", List.of("--labels"), "run", image, "--masks", mask, "--labels", mask),
                new BadInput("coco and masks together", List.of("--coco"), "run", image, "--masks", mask, "--coco", annotations.toString()),
                new BadInput("image id without coco", List.of("--coco-image-id"), "run", image, "--masks", mask, "--coco-image-id", "3"),
                new BadInput("no image", List.of("IMAGE"), "run", "--masks", mask),
                new BadInput("unknown option", List.of("--frobnicate"), "run", image, "--frobnicate"),
                new BadInput("no mask files", List.of("mask"), "run", image, "--segmenter", "mask-file"),
                new BadInput("no people at all", List.of("--masks", "--labels", "--coco"), "run", image));

        List<String> problems = new ArrayList<>();
        Set<Path> before = listing(dir);
        for (BadInput bad : cases) {
            Path out = dir.resolve("out-" + Math.abs(bad.name().hashCode()));
            List<String> args = new ArrayList<>(bad.args());
            args.add("--out");
            args.add(out.toString());
            Outcome outcome = run(dir, args.toArray(String[]::new));
            if (outcome.exitCode() != 1) {
                problems.add(bad.name() + ": exit " + outcome.exitCode() + " instead of 1; " + outcome);
            }
            if (outcome.errLines().size() != 1 || !outcome.err().startsWith("deocc: ")) {
                problems.add(bad.name() + ": stderr is not one 'deocc: ' line: " + outcome.err());
            }
            for (String token : bad.mentions()) {
                if (!outcome.err().contains(token)) {
                    problems.add(bad.name() + ": stderr does not mention '" + token + "': " + outcome.err());
                }
            }
            if (!outcome.out().isEmpty()) {
                problems.add(bad.name() + ": printed to stdout: " + outcome.out());
            }
            if (Files.exists(out)) {
                problems.add(bad.name() + ": created the output folder");
            }
        }
        assertEquals(before, listing(dir), "bad input must not write any file");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void outputPathThatIsAFileIsRefusedBeforeAnyWork() throws IOException {
        Path[] files = CliHarness.writeScene(CliHarness.scene(22), dir, "file-out");
        Path notAFolder = Files.writeString(dir.resolve("taken"), "x");

        Outcome outcome = run(dir, "run", files[0].toString(), "--masks", files[1].toString(), "--out", notAFolder.toString());

        assertEquals(1, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.err().contains("taken") && outcome.err().contains("not a folder"), outcome::toString);
        assertEquals("x", Files.readString(notAFolder));
    }

    @Test
    void stemDropsOnlyTheLastExtension() {
        assertEquals("street", RunCommand.stem(Path.of("photos/street.png")));
        assertEquals("a.b", RunCommand.stem(Path.of("a.b.jpg")));
        assertEquals(".hidden", RunCommand.stem(Path.of(".hidden")));
        assertEquals("noext", RunCommand.stem(Path.of("noext")));
    }

    private static Set<Path> listing(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            return new HashSet<>(paths.toList());
        }
    }

    private record BadInput(String name, List<String> mentions, List<String> args) {
        BadInput(String name, List<String> mentions, String... args) {
            this(name, mentions, List.of(args));
        }
    }
}
