package com.example.deocc.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.io.ImageFiles;
import io.deocc.mask.coco.CocoRle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code examples/data} reproducible: the committed files must be exactly what
 * {@link ExampleData} generates. Run with {@code -Ddeocc.examples.regenerate=true} to rewrite them
 * first (see {@code examples/data/README.md}).
 */
class ExampleDataTest {
    private static final String REGENERATE = "deocc.examples.regenerate";
    private static final String HOW_TO_REGENERATE = "regenerate with: mvn -q -o test -pl examples/embedding"
            + " -Dtest=ExampleDataTest -D" + REGENERATE + "=true";

    @Test
    void committedFilesAreWhatTheGeneratorMakes(@TempDir Path fresh) throws IOException {
        Path committed = dataFolder();
        if (Boolean.getBoolean(REGENERATE)) {
            ExampleData.writeAll(committed);
        }
        ExampleData.writeAll(fresh);
        for (String name : ExampleData.FILES) {
            Path file = committed.resolve(name);
            assertTrue(Files.isRegularFile(file), file + " is missing; " + HOW_TO_REGENERATE);
            if (name.endsWith(".png")) {
                assertSamePixels(fresh.resolve(name), file);
            } else {
                assertArrayEquals(Files.readAllBytes(fresh.resolve(name)), Files.readAllBytes(file),
                        file + " differs from the generator's output; " + HOW_TO_REGENERATE);
            }
        }
    }

    @Test
    void folderHoldsOnlyGeneratedFilesAndTheReadme() throws IOException {
        Set<String> expected = new TreeSet<>(ExampleData.FILES);
        expected.add("README.md");
        try (Stream<Path> files = Files.list(dataFolder())) {
            Set<String> present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, present, "examples/data must hold the generated files and README.md only,"
                    + " so that the README can say where every file comes from");
        }
    }

    @Test
    void readmeNamesEveryFileAndTheRegenerationCommand() throws IOException {
        String readme = Files.readString(dataFolder().resolve("README.md"), StandardCharsets.UTF_8);
        for (String name : ExampleData.FILES) {
            assertTrue(readme.contains("`" + name + "`"), "README.md does not describe " + name);
        }
        assertTrue(readme.contains("-D" + REGENERATE + "=true"), "README.md must give the regeneration command");
    }

    @Test
    void cocoAnnotationDecodesToTheCommittedVisibleMask() throws IOException {
        String json = Files.readString(dataFolder().resolve("street.coco.json"), StandardCharsets.UTF_8);
        Matcher size = Pattern.compile("\"size\": \\[(\\d+), (\\d+)]").matcher(json);
        Matcher counts = Pattern.compile("\"counts\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(size.find() && counts.find(), "street.coco.json has no RLE segmentation");
        int height = Integer.parseInt(size.group(1));
        int width = Integer.parseInt(size.group(2));
        String compressed = counts.group(1).replace("\\\\", "\\");
        BinaryMask decoded = CocoRle.ofCompressed(width, height, compressed).toMask();
        BinaryMask committed = ImageFiles.readMask(dataFolder().resolve("street-person-1.png"), ResourceLimits.defaults());
        assertEquals(committed, decoded, "the COCO annotation and street-person-1.png must describe the same pixels");
        assertTrue(json.contains("\"area\": " + committed.area() + ","), "the annotation's area must be the mask's pixel count");
    }

    @Test
    void scenesShowWhatTheReadmePromises() {
        var street = ExampleData.street();
        assertTrue(street.visibleRatio() < 0.9, "the street person must be clearly occluded, visible ratio " + street.visibleRatio());
        // The lamp post cuts the person into separate visible pieces: the case the convex-hull example bridges.
        assertTrue(components(ExampleData.pole().visible()) >= 2, "the pole must split the person's visible mask");
    }

    private static Path dataFolder() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../data").normalize();
    }

    /** Same size, same PNG colour model and band layout, same samples: what matters for reproducibility. */
    private static void assertSamePixels(Path expected, Path actual) throws IOException {
        BufferedImage want = ImageIO.read(expected.toFile());
        BufferedImage got = ImageIO.read(actual.toFile());
        String why = actual + " differs from the generator's output; " + HOW_TO_REGENERATE;
        assertEquals(want.getWidth(), got.getWidth(), why);
        assertEquals(want.getHeight(), got.getHeight(), why);
        assertEquals(want.getType(), got.getType(), why);
        Raster a = want.getRaster();
        Raster b = got.getRaster();
        assertEquals(a.getNumBands(), b.getNumBands(), why);
        assertArrayEquals(a.getPixels(0, 0, a.getWidth(), a.getHeight(), (int[]) null),
                b.getPixels(0, 0, b.getWidth(), b.getHeight(), (int[]) null), why);
    }

    /** Number of 4-connected pieces of the mask. */
    private static int components(BinaryMask mask) {
        int w = mask.width();
        int h = mask.height();
        boolean[] seen = new boolean[w * h];
        int pieces = 0;
        for (int start = 0; start < seen.length; start++) {
            if (!mask.get(start) || seen[start]) {
                continue;
            }
            pieces++;
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!todo.isEmpty()) {
                int i = todo.pop();
                int x = i % w;
                int y = i / w;
                int[] neighbours = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int n : neighbours) {
                    if (n >= 0 && mask.get(n) && !seen[n]) {
                        seen[n] = true;
                        todo.push(n);
                    }
                }
            }
        }
        return pieces;
    }
}
