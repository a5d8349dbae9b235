package io.deocc.data;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.synth.OccludedPerson;
import io.deocc.synth.OcclusionSettings;
import io.deocc.synth.Occlusions;
import io.deocc.api.io.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * People with whole-body masks, occluded on the fly: the training form of AHP-like data, where each
 * photo comes with the complete mask of one person and occluders are pasted in front
 * (self-supervised, as PCNet and the AHP paper build training pairs).
 *
 * <p><b>Pairing rule.</b> Every file under the image folder whose name ends in {@code .png},
 * {@code .jpg} or {@code .jpeg} (any case), in sub-folders too, is paired with the mask at the same
 * relative path under the mask folder with the extension replaced by {@code .png}:
 * {@code images/city/0001.jpg} goes with {@code masks/city/0001.png}. The mask is binary (0 and one
 * foreground level) and has the image's size. Items are in the order of their relative paths, and
 * the sample id is that path without extension ({@code city/0001}).
 *
 * <p><b>Occlusion.</b> {@link Occlusions#occlude} (the same occluders as the synthetic scenes)
 * hides part of the person; the seed of an item mixes the base seed with its relative path, so an
 * item is occluded the same way on every run whatever other files the folder holds. The sample's
 * {@code original} is the photo, its {@code amodal} the given mask.
 *
 * <p>The file names are listed when the reader is opened; images are decoded lazily. A missing,
 * corrupt, non-binary, empty or mis-sized mask is a {@link SampleResult.Skipped} item (line 0).
 */
public final class FullMaskFolderReader implements SampleSource {
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private final Path images;
    private final Path masks;
    private final long seed;
    private final OcclusionSettings settings;
    private final ResourceLimits limits;
    private final List<String> files;

    private FullMaskFolderReader(Path images, Path masks, long seed, OcclusionSettings settings, ResourceLimits limits, List<String> files) {
        this.images = images;
        this.masks = masks;
        this.seed = seed;
        this.settings = settings;
        this.limits = limits;
        this.files = files;
    }

    /** Opens {@code root/images} and {@code root/masks} with the default occlusion settings. */
    public static FullMaskFolderReader open(Path root, long seed, ResourceLimits limits) {
        checkNotNull(root, "root");
        return open(root.resolve("images"), root.resolve("masks"), seed, OcclusionSettings.defaults(), limits);
    }

    /**
     * Opens an image folder and its mask folder.
     *
     * @throws DeoccException {@code FILE_NOT_FOUND} when a folder is missing, {@code INVALID_ARGUMENT}
     *     when the image folder holds no image
     */
    public static FullMaskFolderReader open(Path imagesDir, Path masksDir, long seed, OcclusionSettings settings, ResourceLimits limits) {
        checkNotNull(imagesDir, "imagesDir");
        checkNotNull(masksDir, "masksDir");
        checkNotNull(settings, "settings");
        checkNotNull(limits, "limits");
        Path images = realFolder(imagesDir, "image");
        Path masks = realFolder(masksDir, "mask");
        List<String> files;
        try (Stream<Path> walk = Files.walk(images)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> images.relativize(p).toString().replace('\\', '/'))
                    .filter(FullMaskFolderReader::isImageName)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot list image folder '" + imagesDir + "' (" + e + "): check its permissions", e);
        }
        if (files.isEmpty()) {
            throw DeoccException.invalidArgument("image folder '" + imagesDir + "' holds no .png, .jpg or .jpeg file: "
                    + "put the photos there and their whole-person masks under '" + masksDir + "' with the same names");
        }
        return new FullMaskFolderReader(images, masks, seed, settings, limits, files);
    }

    private static Path realFolder(Path folder, String what) {
        if (!Files.isDirectory(folder)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, what + " folder '" + folder + "' does not exist or is not a folder: check the path");
        }
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, what + " folder '" + folder + "' cannot be resolved (" + e + ")", e);
        }
    }

    private static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(lower::endsWith) && !lower.startsWith(".") && !lower.contains("/.");
    }

    /** The mask path paired with an image path: same relative path, extension {@code .png}. */
    static String maskNameFor(String imageName) {
        return stem(imageName) + ".png";
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > name.lastIndexOf('/') ? name.substring(0, dot) : name;
    }

    /** The occlusion seed of an item: the base seed mixed with a hash (FNV-1a) of its relative path. */
    long itemSeed(String relativePath) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xFF)) * 0x100000001b3L;
        }
        long z = seed ^ hash;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String description() {
        return "full-mask folder " + images + " with masks " + masks;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(files.size());
    }

    @Override
    public Stream<SampleResult> stream() {
        return files.stream().map(this::item);
    }

    private SampleResult item(String name) {
        String id = stem(name);
        String maskName = maskNameFor(name);
        String field = "image";
        try {
            RgbImage photo = ImageFiles.readRgb(DatasetPaths.resolve(images, name), limits);
            field = "mask";
            BinaryMask amodal = ImageFiles.readBinaryMask(DatasetPaths.resolve(masks, maskName), maskName, limits);
            if (amodal.width() != photo.width() || amodal.height() != photo.height()) {
                throw new DeoccException(ErrorCode.SIZE_MISMATCH, "mask '" + maskName + "' is " + amodal.width() + "x" + amodal.height()
                        + " but image '" + name + "' is " + photo.width() + "x" + photo.height() + ": give the mask the image's size");
            }
            if (amodal.isEmpty()) {
                throw new DeoccException(ErrorCode.EMPTY_MASK, "mask '" + maskName + "' is empty: mark the whole person in white, or remove the image");
            }
            field = "occlusion";
            OccludedPerson occluded = Occlusions.occlude(photo, amodal, itemSeed(name), settings);
            return new SampleResult.Loaded(new Sample(id, occluded.image(), occluded.visible(), amodal, Optional.of(occluded.segmenterMask()),
                    Optional.empty(), Optional.empty(), Optional.of(photo), Optional.of(occluded.occluder())));
        } catch (DeoccException e) {
            return new SampleResult.Skipped(id, 0, new DeoccException(e.errorCode(), description() + ", item '" + name + "' (" + field + "): "
                    + e.getMessage(), e));
        }
    }

    /** Nothing is held open between streams. */
    @Override
    public void close() {
        // file names are in memory; images are read and released per item
    }
}
