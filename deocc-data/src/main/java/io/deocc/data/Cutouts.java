package io.deocc.data;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.image.RgbaImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.synth.OcclusionSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RGBA occluders for {@link SynthSet#withCutouts} and deocc-synth's {@link OcclusionSettings#withCutouts}:
 * from a folder of transparent PNG cut-outs, or the visible people of another dataset. Every cut-out
 * is cropped to its non-transparent pixels, so the generator scales the object, not empty margins.
 */
public final class Cutouts {
    /** The most cut-outs one call returns; each sits in memory while a set is generated. */
    public static final int MAX_COUNT = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Cutouts.class);

    private Cutouts() {}

    /**
     * Reads the {@code *.png} files directly in {@code dir} (not sub-folders), in name order, at most
     * {@code max} of them. The folder is a curated input, so one bad file fails the whole call with
     * the file named: one without an alpha channel, a fully transparent one, one whose visible part is
     * smaller than {@value OcclusionSettings#MIN_CUTOUT_SIZE} pixels a side, or a corrupt one.
     *
     * @param max the most cut-outs to read, 1 to {@value #MAX_COUNT}
     * @throws DeoccException when the folder is missing, holds no PNG, or a file is unusable
     */
    public static List<RgbaImage> readFolder(Path dir, ResourceLimits limits, int max) {
        checkNotNull(dir, "dir");
        checkNotNull(limits, "limits");
        checkMax(max);
        if (!Files.isDirectory(dir)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "cut-out folder '" + dir
                    + "' does not exist or is not a folder: give a folder of RGBA PNG cut-outs");
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .limit(max)
                    .toList();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot list cut-out folder '" + dir + "' (" + e.getMessage()
                    + "): check that it is readable", e);
        }
        if (files.isEmpty()) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "cut-out folder '" + dir
                    + "' holds no .png file: put RGBA PNG cut-outs (objects on a transparent background) in it");
        }
        List<RgbaImage> cutouts = new ArrayList<>(files.size());
        for (Path file : files) {
            cutouts.add(readOne(file, limits));
        }
        LOG.debug("read {} cut-outs from {}", cutouts.size(), dir);
        return List.copyOf(cutouts);
    }

    /**
     * Cuts the visible people out of another dataset: each loaded sample's image with alpha 255 on its
     * visible mask and 0 elsewhere, cropped to the mask's box, in the source's order, at most
     * {@code max} of them. Skipped items and people smaller than
     * {@value OcclusionSettings#MIN_CUTOUT_SIZE} pixels a side are left out (counted in a debug log).
     * The caller keeps ownership of {@code source} and closes it.
     *
     * @param max the most cut-outs to return, 1 to {@value #MAX_COUNT}
     * @throws DeoccException when the source yields no usable person
     */
    public static List<RgbaImage> fromDataset(SampleSource source, int max) {
        checkNotNull(source, "source");
        checkMax(max);
        List<RgbaImage> cutouts = new ArrayList<>();
        long skipped = 0;
        long tooSmall = 0;
        try (Stream<SampleResult> items = source.stream()) {
            Iterator<SampleResult> it = items.iterator();
            while (cutouts.size() < max && it.hasNext()) {
                SampleResult item = it.next();
                if (item instanceof SampleResult.Loaded loaded) {
                    Optional<RgbaImage> person = cutPerson(loaded.sample());
                    if (person.isPresent()) {
                        cutouts.add(person.get());
                    } else {
                        tooSmall++;
                    }
                } else {
                    skipped++;
                }
            }
        }
        LOG.debug("cut {} people out of {}; ignored {} skipped items and {} people under {} pixels a side",
                cutouts.size(), source.description(), skipped, tooSmall, OcclusionSettings.MIN_CUTOUT_SIZE);
        if (cutouts.isEmpty()) {
            throw new DeoccException(ErrorCode.EMPTY_MASK, "dataset " + source.description() + " gave no person to cut out ("
                    + skipped + " items skipped, " + tooSmall + " people under " + OcclusionSettings.MIN_CUTOUT_SIZE
                    + " pixels a side): use a dataset with readable samples and visible people");
        }
        return List.copyOf(cutouts);
    }

    private static RgbaImage readOne(Path file, ResourceLimits limits) {
        BufferedImage image = ImageFiles.decode(file, limits);
        if (!image.getColorModel().hasAlpha()) {
            throw new DeoccException(ErrorCode.IMAGE_UNREADABLE, "cut-out '" + file
                    + "' has no alpha channel: cut-outs need transparency; save it as an RGBA PNG with a transparent background");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        BinaryMask opaque = BinaryMask.fromIndex(width, height, i -> (argb[i] >>> 24) != 0);
        Box box = opaque.boundingBox().orElseThrow(() -> new DeoccException(ErrorCode.EMPTY_MASK, "cut-out '" + file
                + "' is fully transparent: give the object non-zero alpha, or remove the file"));
        checkSize(box, "cut-out '" + file + "'");
        return crop(RgbaImage.of(width, height, argb), box);
    }

    private static Optional<RgbaImage> cutPerson(Sample sample) {
        BinaryMask visible = sample.visible();
        Optional<Box> box = visible.boundingBox();
        if (box.isEmpty() || box.get().width() < OcclusionSettings.MIN_CUTOUT_SIZE
                || box.get().height() < OcclusionSettings.MIN_CUTOUT_SIZE) {
            return Optional.empty();
        }
        RgbImage image = sample.image();
        return Optional.of(crop(RgbaImage.withAlpha(image, visible), box.get()));
    }

    private static RgbaImage crop(RgbaImage image, Box box) {
        int[] out = new int[box.width() * box.height()];
        for (int y = 0; y < box.height(); y++) {
            for (int x = 0; x < box.width(); x++) {
                out[y * box.width() + x] = image.argb(box.x() + x, box.y() + y);
            }
        }
        return RgbaImage.of(box.width(), box.height(), out);
    }

    private static void checkSize(Box box, String what) {
        checkArgument(box.width() >= OcclusionSettings.MIN_CUTOUT_SIZE && box.height() >= OcclusionSettings.MIN_CUTOUT_SIZE,
                what + " has a visible part of only " + box.width() + "x" + box.height() + " pixels: cut-outs must be at least "
                        + OcclusionSettings.MIN_CUTOUT_SIZE + "x" + OcclusionSettings.MIN_CUTOUT_SIZE);
    }

    private static void checkMax(int max) {
        checkArgument(max >= 1 && max <= MAX_COUNT, "cut-out count " + max + " is out of range: use 1 to " + MAX_COUNT);
    }
}
