package io.deocc.data;

import io.deocc.api.image.BinaryMask;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Small samples and hand-made files for the dataset tests. */
final class TestSamples {
    static final int WIDTH = 40;
    static final int HEIGHT = 56;

    private TestSamples() {}

    /** A sample with every optional part, from a small synthetic scene. */
    static Sample full(String id, long seed) {
        Scene scene = SyntheticScenes.occludedPerson(seed, WIDTH, HEIGHT);
        return new Sample(id, scene.image(), scene.visible(), scene.amodal(), Optional.of(scene.segmenterMask()),
                Optional.of(scene.visibleParsing()), Optional.of(scene.amodalParsing()), Optional.of(scene.original()),
                Optional.of(scene.occluder()));
    }

    /** A sample with the required parts only. */
    static Sample minimal(String id, long seed) {
        Scene scene = SyntheticScenes.occludedPerson(seed, WIDTH, HEIGHT);
        return new Sample(id, scene.image(), scene.visible(), scene.amodal(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Writes {@code count} full samples {@code s0, s1, ...} into {@code dir}. */
    static List<Sample> writeDataset(Path dir, int count) {
        List<Sample> samples = new ArrayList<>();
        try (DatasetWriter writer = DatasetWriter.create(dir, false)) {
            for (int i = 0; i < count; i++) {
                Sample sample = full("s" + i, 100 + i);
                writer.write(sample);
                samples.add(sample);
            }
        }
        return samples;
    }

    /** Writes an 8-bit grey PNG with the given sample values, row-major. */
    static void writeGrey(Path file, int width, int height, int[] values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, values);
        write(image, file);
    }

    /** Writes a mask as 0/255 grey. */
    static void writeMask(Path file, BinaryMask mask) {
        write(mask.toBufferedImage(), file);
    }

    static void write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends lines to the dataset's manifest. */
    static void appendLines(Path dir, String... lines) {
        try {
            Files.writeString(dir.resolve(DatasetLayout.MANIFEST), String.join("\n", lines) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest line naming the given files. */
    static String line(String id, String image, String visible, String amodal) {
        return "{\"id\":\"" + id + "\",\"image\":\"" + image + "\",\"visible\":\"" + visible + "\",\"amodal\":\"" + amodal + "\"}";
    }
}
