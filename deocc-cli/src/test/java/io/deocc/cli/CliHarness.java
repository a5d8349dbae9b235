package io.deocc.cli;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.io.ImageFiles;
import io.deocc.cli.Main.CliContext;
import io.deocc.runtime.PluginRegistry;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Runs the CLI in-process and writes input files for it. */
final class CliHarness {
    static final int WIDTH = 72;
    static final int HEIGHT = 112;

    private CliHarness() {}

    /** What one run printed and returned. */
    record Outcome(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    static Outcome run(Path workingDirectory, String... args) {
        return run(workingDirectory, PluginRegistry::discover, args);
    }

    static Outcome run(Path workingDirectory, Supplier<PluginRegistry> plugins, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, new CliContext(outStream, errStream, plugins, workingDirectory));
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Scene scene(long seed) {
        return SyntheticScenes.occludedPerson(seed, WIDTH, HEIGHT);
    }

    /** The scene's image and visible mask as PNGs: {@code [image, mask]}. */
    static Path[] writeScene(Scene scene, Path dir, String stem) {
        Path image = dir.resolve(stem + ".png");
        Path mask = dir.resolve(stem + "-mask.png");
        ImageFiles.writePng(scene.image(), image);
        ImageFiles.writePng(scene.visible(), mask);
        return new Path[] {image, mask};
    }

    /** An 8-bit grey label image: pixel value = the index (1-based) of the first mask that holds it, else 0. */
    static Path writeLabels(Path file, BinaryMask... masks) {
        int width = masks[0].width();
        int height = masks[0].height();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int m = 0; m < masks.length; m++) {
                    if (masks[m].get(x, y)) {
                        image.getRaster().setSample(x, y, 0, m + 1);
                        break;
                    }
                }
            }
        }
        ImageFiles.writePng(image, file);
        return file;
    }

    /** COCO's uncompressed RLE of a mask: runs over the pixels in column-major order, starting with background. */
    static List<Integer> cocoRle(BinaryMask mask) {
        List<Integer> counts = new ArrayList<>();
        boolean current = false;
        int run = 0;
        for (int x = 0; x < mask.width(); x++) {
            for (int y = 0; y < mask.height(); y++) {
                if (mask.get(x, y) != current) {
                    counts.add(run);
                    run = 0;
                    current = !current;
                }
                run++;
            }
        }
        counts.add(run);
        return counts;
    }

    /** A COCO annotation file with one image and one person given by {@code counts}. */
    static String cocoJson(String fileName, long imageId, int width, int height, List<Integer> counts) {
        return "{\"images\": [{\"id\": " + imageId + ", \"file_name\": \"" + fileName + "\", \"width\": " + width + ", \"height\": " + height + "}],"
                + " \"categories\": [{\"id\": 1, \"name\": \"person\"}],"
                + " \"annotations\": [{\"id\": 7, \"image_id\": " + imageId + ", \"category_id\": 1, \"iscrowd\": 0,"
                + " \"segmentation\": {\"size\": [" + height + ", " + width + "], \"counts\": " + counts + "}}]}";
    }
}
