package io.deocc.data;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a dataset folder in the layout of {@link DatasetLayout}, lazily: the manifest is read one
 * line at a time and a sample's PNGs are decoded only when the stream reaches its line, so the
 * memory used does not grow with the number of lines (apart from the set of ids seen, kept to report
 * duplicates).
 *
 * <p>Every problem with one line, from malformed JSON to a corrupt or non-binary mask, becomes a
 * {@link SampleResult.Skipped} carrying the line number and a message that names the file or field
 * and the fix; the lines after it are still read. Each {@link #stream()} reads the manifest afresh.
 * Thread-safe; each stream is consumed by one thread.
 */
public final class DatasetReader implements SampleSource {
    private static final Logger log = LoggerFactory.getLogger(DatasetReader.class);

    private final Path root;
    private final Path manifest;
    private final ResourceLimits limits;
    private final Set<BoundedLineReader> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong linesRead = new AtomicLong();
    private volatile boolean closed;

    private DatasetReader(Path root, ResourceLimits limits) {
        this.root = root;
        this.manifest = root.resolve(DatasetLayout.MANIFEST);
        this.limits = limits;
    }

    /**
     * Opens a dataset folder. Only the folder and its manifest are checked here; lines are read as
     * the stream is consumed.
     *
     * @throws DeoccException {@code FILE_NOT_FOUND} when the folder or its manifest is missing
     */
    public static DatasetReader open(Path directory, ResourceLimits limits) {
        checkNotNull(directory, "directory");
        checkNotNull(limits, "limits");
        if (!Files.isDirectory(directory)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "dataset folder '" + directory + "' does not exist or is not a folder: check the path");
        }
        Path root;
        try {
            root = directory.toRealPath();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "dataset folder '" + directory + "' cannot be resolved (" + e + "): check the path", e);
        }
        if (!Files.isRegularFile(root.resolve(DatasetLayout.MANIFEST))) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "dataset folder '" + directory + "' has no " + DatasetLayout.MANIFEST
                    + ": a dataset is a folder with " + DatasetLayout.MANIFEST + " (one JSON object per sample) and its PNG files, see docs/DATASET.md");
        }
        return new DatasetReader(root, limits);
    }

    @Override
    public String description() {
        return "dataset " + root;
    }

    /** Unknown without reading the manifest. */
    @Override
    public OptionalLong size() {
        return OptionalLong.empty();
    }

    @Override
    public Stream<SampleResult> stream() {
        return lines(this::item);
    }

    /**
     * The manifest's lines with their image and visible mask paths resolved and checked, nothing decoded:
     * a line that is malformed, repeats an id or names a file outside the folder (or a missing one) is
     * {@link SampleResult.Skipped}. Lazy like {@link #stream()}; close the stream.
     */
    public Stream<DatasetEntry.Result> entries() {
        return lines(this::entry);
    }

    private <T> Stream<T> lines(BiFunction<BoundedLineReader.Line, Map<String, Long>, T> parse) {
        if (closed) {
            throw DeoccException.invalidArgument("the " + description() + " is closed: open it again to read it");
        }
        BoundedLineReader lines;
        try {
            // Undecodable bytes become U+FFFD: the line is then reported (e.g. as a missing file), not the whole file.
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            lines = new BoundedLineReader(new InputStreamReader(Files.newInputStream(manifest), decoder), DatasetLayout.MAX_LINE_CHARS);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot open '" + manifest + "' (" + e + "): check its permissions", e);
        }
        open.add(lines);
        Spliterator<T> items = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private final Map<String, Long> seen = new HashMap<>();

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                BoundedLineReader.Line line;
                try {
                    do {
                        line = lines.next();
                    } while (line != null && !line.tooLong() && line.text().isBlank());
                } catch (IOException e) {
                    throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read '" + manifest + "' after line " + lines.lineNumber()
                            + " (" + e + "): check the disk", e);
                }
                if (line == null) {
                    return false;
                }
                linesRead.incrementAndGet();
                action.accept(parse.apply(line, seen));
                return true;
            }
        };
        return StreamSupport.stream(items, false).onClose(() -> close(lines));
    }

    /** Lines taken from the manifest by all streams so far (tests check laziness with it). */
    long linesRead() {
        return linesRead.get();
    }

    /** A manifest line parsed: its entry, or why it is skipped (exactly one of the two). */
    private record Parsed(ManifestEntry entry, SampleResult.Skipped skipped) {}

    /** The line's entry, or why it is skipped: too long, malformed, or an id used before. */
    private Parsed parse(BoundedLineReader.Line line, Map<String, Long> seen) {
        String where = DatasetLayout.MANIFEST + " line " + line.number();
        if (line.tooLong()) {
            return new Parsed(null, skipped("line " + line.number(), line.number(), new DeoccException(ErrorCode.ANNOTATION_INVALID, where + " is "
                    + line.length() + " characters long, over the limit of " + DatasetLayout.MAX_LINE_CHARS
                    + ": put one sample per line and keep paths short")));
        }
        ManifestEntry entry;
        try {
            entry = ManifestJson.parse(line.text());
        } catch (DeoccException e) {
            return new Parsed(null, skipped("line " + line.number(), line.number(), new DeoccException(e.errorCode(), where + ": " + e.getMessage(), e)));
        }
        Long first = seen.putIfAbsent(entry.id(), line.number());
        if (first != null) {
            return new Parsed(null, skipped(entry.id(), line.number(), new DeoccException(ErrorCode.ANNOTATION_INVALID, where(line, entry)
                    + ": the id is already used on line " + first + ": give every sample a unique id")));
        }
        return new Parsed(entry, null);
    }

    private static String where(BoundedLineReader.Line line, ManifestEntry entry) {
        return DatasetLayout.MANIFEST + " line " + line.number() + " (id '" + ManifestEntry.abbreviate(entry.id()) + "')";
    }

    private DatasetEntry.Result entry(BoundedLineReader.Line line, Map<String, Long> seen) {
        Parsed parsed = parse(line, seen);
        if (parsed.skipped() != null) {
            return parsed.skipped();
        }
        ManifestEntry entry = parsed.entry();
        String field = DatasetLayout.IMAGE;
        try {
            Path image = path(entry, field);
            field = DatasetLayout.VISIBLE;
            Path visible = path(entry, field);
            return new DatasetEntry.Found(new DatasetEntry(entry.id(), line.number(), image, visible));
        } catch (DeoccException e) {
            return skipped(entry.id(), line.number(), new DeoccException(e.errorCode(), where(line, entry) + " field '" + field + "': "
                    + e.getMessage(), e));
        }
    }

    private SampleResult item(BoundedLineReader.Line line, Map<String, Long> seen) {
        Parsed parsed = parse(line, seen);
        if (parsed.skipped() != null) {
            return parsed.skipped();
        }
        ManifestEntry entry = parsed.entry();
        String id = entry.id();
        String where = where(line, entry);
        String field = DatasetLayout.IMAGE;
        try {
            RgbImage image = ImageFiles.readRgb(path(entry, field), limits);
            field = DatasetLayout.VISIBLE;
            BinaryMask visible = mask(entry, field);
            checkSize(image, visible.width(), visible.height(), entry, field);
            if (visible.isEmpty()) {
                throw new DeoccException(ErrorCode.EMPTY_MASK, "mask '" + entry.files().get(field) + "' is empty: a sample needs a visible person "
                        + "(white pixels); drop the line or fix the mask");
            }
            field = DatasetLayout.AMODAL;
            BinaryMask amodal = mask(entry, field);
            checkSize(image, amodal.width(), amodal.height(), entry, field);
            field = DatasetLayout.SEGMENTER_MASK;
            Optional<BinaryMask> segmenter = optionalMask(entry, field, image);
            field = DatasetLayout.VISIBLE_PARSING;
            Optional<ParsingMap> visibleParsing = optionalParsing(entry, field, image);
            field = DatasetLayout.AMODAL_PARSING;
            Optional<ParsingMap> amodalParsing = optionalParsing(entry, field, image);
            field = DatasetLayout.ORIGINAL;
            Optional<RgbImage> original = Optional.empty();
            if (entry.file(field).isPresent()) {
                RgbImage clean = ImageFiles.readRgb(path(entry, field), limits);
                checkSize(image, clean.width(), clean.height(), entry, field);
                original = Optional.of(clean);
            }
            field = DatasetLayout.OCCLUDER;
            Optional<BinaryMask> occluder = optionalMask(entry, field, image);
            field = null;
            return new SampleResult.Loaded(new Sample(id, image, visible, amodal, segmenter, visibleParsing, amodalParsing, original, occluder));
        } catch (DeoccException e) {
            String at = field == null ? where : where + " field '" + field + "'";
            return skipped(id, line.number(), new DeoccException(e.errorCode(), at + ": " + e.getMessage(), e));
        } catch (OutOfMemoryError e) {
            return skipped(id, line.number(), new DeoccException(ErrorCode.OUT_OF_MEMORY, where + ": decoding ran out of memory: "
                    + "lower max-image-pixels or give the JVM more heap", e));
        }
    }

    private Path path(ManifestEntry entry, String field) {
        return DatasetPaths.resolve(root, entry.files().get(field));
    }

    private BinaryMask mask(ManifestEntry entry, String field) {
        return ImageFiles.readBinaryMask(path(entry, field), entry.files().get(field), limits);
    }

    private Optional<BinaryMask> optionalMask(ManifestEntry entry, String field, RgbImage image) {
        if (entry.file(field).isEmpty()) {
            return Optional.empty();
        }
        BinaryMask mask = mask(entry, field);
        checkSize(image, mask.width(), mask.height(), entry, field);
        return Optional.of(mask);
    }

    private Optional<ParsingMap> optionalParsing(ManifestEntry entry, String field, RgbImage image) {
        if (entry.file(field).isEmpty()) {
            return Optional.empty();
        }
        ParsingMap parsing = PartFiles.readParsing(path(entry, field), entry.files().get(field), limits);
        checkSize(image, parsing.width(), parsing.height(), entry, field);
        return Optional.of(parsing);
    }

    private static void checkSize(RgbImage image, int width, int height, ManifestEntry entry, String field) {
        if (width != image.width() || height != image.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "'" + entry.files().get(field) + "' is " + width + "x" + height + " but the image '"
                    + entry.files().get(DatasetLayout.IMAGE) + "' is " + image.width() + "x" + image.height()
                    + ": every file of a sample must have the image's size");
        }
    }

    private SampleResult.Skipped skipped(String id, long line, DeoccException error) {
        log.debug("skipping {} of {}: {}", id, root, error.getMessage());
        return new SampleResult.Skipped(id, line, error);
    }

    private void close(BoundedLineReader lines) {
        if (open.remove(lines)) {
            try {
                lines.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing " + manifest, e);
            }
        }
    }

    /** Closes the files of streams still open; later {@link #stream()} calls fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (BoundedLineReader lines : open) {
            try {
                close(lines);
            } catch (UncheckedIOException e) {
                log.warn("cannot close {}: {}", manifest, e.getCause().toString());
            }
        }
    }
}
