package io.deocc.data;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes samples into a dataset folder in the layout of {@link DatasetLayout}: each part as
 * {@code <field>/<id>.png}, then the sample's line appended to {@value DatasetLayout#MANIFEST}.
 *
 * <p>PNG files are written atomically (a temporary file renamed into place) before their manifest
 * line, so after a crash every complete line names complete files. The output is deterministic: the
 * same samples in the same order give byte-identical files. Not thread-safe: encode in parallel with
 * {@link #encode}, write from one thread.
 */
public final class DatasetWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatasetWriter.class);
    /** Visible ratios are written rounded to this many decimals: informative, and short. */
    private static final double RATIO_SCALE = 1e6;

    private final Path directory;
    private final BufferedWriter manifest;
    private final Set<String> ids = new HashSet<>();
    private long written;
    private boolean closed;

    private DatasetWriter(Path directory, BufferedWriter manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /**
     * Opens a dataset folder for writing, creating it when missing.
     *
     * @param directory the dataset folder
     * @param overwrite when the folder is not empty: {@code false} refuses it; {@code true} deletes an
     *     earlier dataset's manifest and the PNG files in its part folders, and leaves other files alone
     * @throws DeoccException {@code INVALID_ARGUMENT} for a non-empty folder without {@code overwrite}
     *     or a path that is not a folder, {@code IO_FAILURE} when the folder cannot be written
     */
    public static DatasetWriter create(Path directory, boolean overwrite) {
        checkNotNull(directory, "directory");
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw DeoccException.invalidArgument("dataset folder '" + directory + "' exists and is not a folder: choose another path");
            }
            Files.createDirectories(dir);
            if (!isEmpty(dir)) {
                if (!overwrite) {
                    throw DeoccException.invalidArgument("dataset folder '" + directory + "' is not empty: choose a new or empty folder, "
                            + "or allow overwriting (deocc synth --force)");
                }
                removeEarlierDataset(dir);
            }
            BufferedWriter manifest = Files.newBufferedWriter(dir.resolve(DatasetLayout.MANIFEST), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            log.debug("writing dataset to {}", dir);
            return new DatasetWriter(dir, manifest);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot write dataset folder '" + directory + "' (" + e
                    + "): check that it is writable and the disk has space", e);
        }
    }

    /**
     * Encodes a sample's files and manifest line. Thread-safe and pure: equal arguments give equal bytes.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} when the id cannot be a file name
     */
    public static EncodedSample encode(Sample sample, SampleMetadata metadata) {
        checkNotNull(sample, "sample");
        checkNotNull(metadata, "metadata");
        String id = sample.id();
        checkArgument(DatasetLayout.WRITER_ID.matcher(id).matches(), "sample id '" + ManifestEntry.abbreviate(id)
                + "' cannot be used as a file name: use letters, digits, '.', '_' and '-', start with a letter or digit, at most 128 characters");
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        put(files, paths, DatasetLayout.IMAGE, id, PngEncoder.encode(sample.image()));
        put(files, paths, DatasetLayout.VISIBLE, id, PngEncoder.encode(sample.visible()));
        put(files, paths, DatasetLayout.AMODAL, id, PngEncoder.encode(sample.amodal()));
        sample.segmenterMask().ifPresent(m -> put(files, paths, DatasetLayout.SEGMENTER_MASK, id, PngEncoder.encode(m)));
        sample.visibleParsing().ifPresent(p -> put(files, paths, DatasetLayout.VISIBLE_PARSING, id, PngEncoder.encode(p)));
        sample.amodalParsing().ifPresent(p -> put(files, paths, DatasetLayout.AMODAL_PARSING, id, PngEncoder.encode(p)));
        sample.original().ifPresent(o -> put(files, paths, DatasetLayout.ORIGINAL, id, PngEncoder.encode(o)));
        sample.occluder().ifPresent(m -> put(files, paths, DatasetLayout.OCCLUDER, id, PngEncoder.encode(m)));
        double ratio = Math.round(sample.visibleRatio() * RATIO_SCALE) / RATIO_SCALE;
        ManifestEntry entry = new ManifestEntry(id, paths, sample.visible().boundingBox(),
                ratio > 0 ? OptionalDouble.of(ratio) : OptionalDouble.empty(), metadata);
        return new EncodedSample(entry, files);
    }

    private static void put(Map<String, byte[]> files, Map<String, String> paths, String field, String id, byte[] png) {
        String path = DatasetLayout.relativePath(field, id);
        files.put(path, png);
        paths.put(field, path);
    }

    /** Writes a sample without metadata. */
    public void write(Sample sample) {
        write(encode(sample, SampleMetadata.none()));
    }

    /** Writes a sample with its metadata. */
    public void write(Sample sample, SampleMetadata metadata) {
        write(encode(sample, metadata));
    }

    /**
     * Writes an encoded sample: its PNG files, then its manifest line.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for an id already written or a closed writer,
     *     {@code IO_FAILURE} when the disk refuses
     */
    public synchronized void write(EncodedSample sample) {
        checkNotNull(sample, "sample");
        checkArgument(!closed, "the dataset writer for '" + directory + "' is closed: open a new one to write more");
        checkArgument(!ids.contains(sample.id()), "sample id '" + sample.id() + "' was already written to '" + directory
                + "': give every sample a unique id");
        for (Map.Entry<String, byte[]> file : sample.files().entrySet()) {
            byte[] bytes = file.getValue();
            AtomicFiles.write(directory.resolve(file.getKey()), out -> out.write(bytes));
        }
        try {
            manifest.write(ManifestJson.format(sample.entry()));
            manifest.write('\n');
            manifest.flush();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot append to '" + directory.resolve(DatasetLayout.MANIFEST) + "' (" + e
                    + "): check the disk", e);
        }
        ids.add(sample.id());
        written++;
    }

    /** The dataset folder, absolute. */
    public Path directory() {
        return directory;
    }

    /** Samples written so far. */
    public synchronized long written() {
        return written;
    }

    /** Flushes and closes the manifest; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            manifest.close();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot finish '" + directory.resolve(DatasetLayout.MANIFEST) + "' (" + e
                    + "): check the disk", e);
        }
        log.debug("wrote {} samples to {}", written, directory);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Deletes what an earlier writer made: the manifest and the PNGs in the part folders. */
    private static void removeEarlierDataset(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(DatasetLayout.MANIFEST));
        for (String field : DatasetLayout.FILE_FIELDS) {
            Path folder = dir.resolve(field);
            if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> pngs = Files.newDirectoryStream(folder, "*.png")) {
                for (Path png : pngs) {
                    if (Files.isRegularFile(png, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(png);
                    }
                }
            }
        }
    }
}
