package io.deocc.runtime.batch;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.DeoccResult;
import io.deocc.api.model.PersonFailure;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Stage;
import io.deocc.runtime.DeoccPipeline;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link DeoccPipeline} over many images with a pool of worker threads, so that nothing
 * is lost: no item stops the others, no crash leaves half an item behind, and a re-run does only
 * what is not done yet.
 *
 * <pre>{@code
 * try (DeoccPipeline pipeline = DeoccPipeline.create(config)) {
 *     BatchRunner runner = BatchRunner.create(pipeline, Path.of("out"), myWriter, BatchOptions.defaults());
 *     BatchReport report = runner.run(List.of(BatchItem.of("street", Path.of("street.png"))));
 * }
 * }</pre>
 *
 * <p><b>Output folder.</b> Item {@code id} ends up in {@code OUT/<id>/}. Its files are written by the
 * {@link ItemWriter} into {@code OUT/.deocc-staging/<id>-<random>/}, synced, and renamed into place
 * in one atomic step, so {@code OUT/<id>/} is either complete or absent; staging leftovers of a
 * crashed run are deleted when the next run starts. Then one line is appended, and synced, to
 * {@code OUT/.deocc-batch/index.jsonl}: the item's id, the SHA-256 of its image and mask files, a
 * checksum of the pipeline configuration and writer format, and the SHA-256 of every file written.
 * {@code OUT/report.json} and {@code OUT/report.csv} are replaced atomically at the end.
 *
 * <p><b>Resuming.</b> With {@link BatchOptions#resume()}, an item is skipped
 * ({@link ItemStatus#SKIPPED_DONE_BEFORE}) only when its latest index line matches the current input
 * and configuration checksums and every file it names is still there with the recorded checksum;
 * otherwise it is redone and its folder replaced. A cut-short last index line is ignored.
 *
 * <p><b>Failures.</b> An item that throws anything (a corrupt image, no people, a person that fails, a
 * component's bug, {@link OutOfMemoryError}) is {@link ItemStatus#FAILED} with its error; one that runs
 * past {@code pipeline.config().limits().itemTimeout()} is {@link ItemStatus#TIMED_OUT} (its thread is
 * interrupted and abandoned). Neither commits anything. A write failure (disk full, read-only folder)
 * fails the item with {@link ErrorCode#IO_FAILURE}; the runner then tries to create and delete a
 * folder in {@code OUT}, and when even that fails the folder is unusable, so the batch stops early and
 * the items not yet started are reported as {@link ItemStatus#NOT_RUN}. Every item is in the report.
 *
 * <p>One runner may be used for several batches, one at a time per output folder: a lock file in
 * {@code OUT/.deocc-batch/} keeps a second process out. The pipeline is not closed by the runner.
 */
public final class BatchRunner {
    /** The folder inside the output folder where items are written before they are committed. */
    public static final String STAGING_FOLDER = ".deocc-staging";
    /** The folder inside the output folder that holds the index and the lock. */
    public static final String STATE_FOLDER = ".deocc-batch";
    /** The index file's name inside {@link #STATE_FOLDER}. */
    public static final String INDEX_FILE = "index.jsonl";

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    private static final String LOCK_FILE = "lock";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DeoccPipeline pipeline;
    private final Path outputDirectory;
    private final ItemWriter writer;
    private final BatchOptions options;
    private final BatchStorage storage;

    BatchRunner(DeoccPipeline pipeline, Path outputDirectory, ItemWriter writer, BatchOptions options, BatchStorage storage) {
        this.pipeline = checkNotNull(pipeline, "pipeline");
        this.outputDirectory = checkNotNull(outputDirectory, "outputDirectory").toAbsolutePath().normalize();
        this.writer = checkNotNull(writer, "writer");
        this.options = checkNotNull(options, "options");
        this.storage = storage;
    }

    /**
     * A runner writing to {@code outputDirectory} (created when missing).
     *
     * @param pipeline shared by all workers; it stays open and belongs to the caller
     * @param writer what to write for each successful item
     */
    public static BatchRunner create(DeoccPipeline pipeline, Path outputDirectory, ItemWriter writer, BatchOptions options) {
        return new BatchRunner(pipeline, outputDirectory, writer, options, new FileSystemStorage());
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    /** Runs the items with no listener; see {@link #run(List, BatchListener)}. */
    public BatchReport run(List<BatchItem> items) {
        return run(items, BatchListener.NONE);
    }

    /**
     * Runs every item, writes the report files and returns the report.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for duplicate ids, {@code IO_FAILURE} when the output
     *     folder cannot be prepared or another batch holds it; item problems never throw
     */
    public BatchReport run(List<BatchItem> items, BatchListener listener) {
        checkNotNull(items, "items");
        checkNotNull(listener, "listener");
        checkIds(items);
        long start = System.nanoTime();
        Path state = outputDirectory.resolve(STATE_FOLDER);
        Path staging = outputDirectory.resolve(STAGING_FOLDER);
        try {
            storage.createDirectories(state);
            storage.createDirectories(staging);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot prepare output folder '" + outputDirectory + "' (" + e
                    + "): choose a folder you can write to", e);
        }
        try (Closeable lock = lock(state.resolve(LOCK_FILE))) {
            cleanStaging(staging);
            String configChecksum = configChecksum();
            Map<String, BatchIndex.Entry> index = prepareIndex(state.resolve(INDEX_FILE));
            List<ItemOutcome> outcomes;
            try (BatchStorage.Appender appender = openIndex(state.resolve(INDEX_FILE))) {
                Run run = new Run(items, listener, index, configChecksum, staging, appender);
                outcomes = run.execute();
            }
            long millis = Math.round((System.nanoTime() - start) / 1e6);
            BatchReport report = new BatchReport(outputDirectory, outcomes, millis, configChecksum, Optional.empty());
            return writeReport(report);
        } catch (IOException e) {
            // only closing the index or the lock gets here; the items are already committed
            throw new DeoccException(ErrorCode.IO_FAILURE, "closing the batch's files in '" + state + "' failed (" + e + "): check the disk", e);
        }
    }

    private static void checkIds(List<BatchItem> items) {
        Map<String, String> seen = new HashMap<>();
        for (BatchItem item : items) {
            checkNotNull(item, "an item");
            // folders named a and A are one folder on case-insensitive file systems
            String previous = seen.putIfAbsent(item.id().toLowerCase(Locale.ROOT), item.id());
            if (previous != null) {
                throw DeoccException.invalidArgument("batch item ids '" + previous + "' and '" + item.id()
                        + "' name the same output folder: give every item its own id (ids are compared ignoring case)");
            }
        }
    }

    private Closeable lock(Path file) {
        try {
            return storage.lock(file);
        } catch (IOException | OverlappingFileLockException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "output folder '" + outputDirectory + "' is in use by another batch (" + e
                    + "): wait for it to end or choose another folder", e);
        }
    }

    private void cleanStaging(Path staging) {
        try {
            for (Path leftover : storage.list(staging)) {
                log.info("deleting {}, left by an interrupted run", leftover);
                storage.deleteTree(leftover);
            }
        } catch (IOException e) {
            log.warn("cannot clean {}: {}; leftovers stay until the next run", staging, e.toString());
        }
    }

    /** Reads the index (when resuming) and rewrites it compacted, which also drops a cut-short last line. */
    private Map<String, BatchIndex.Entry> prepareIndex(Path file) {
        try {
            Map<String, BatchIndex.Entry> entries = options.resume() ? BatchIndex.read(file) : Map.of();
            StringBuilder text = new StringBuilder();
            entries.values().forEach(entry -> text.append(BatchIndex.line(entry)));
            storage.replaceFile(file, text.toString().getBytes(StandardCharsets.UTF_8));
            return entries;
        } catch (IOException | UncheckedIOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read or rewrite the batch index '" + file + "' (" + e
                    + "): check the output folder's permissions and free space", e);
        }
    }

    private BatchStorage.Appender openIndex(Path file) {
        try {
            return storage.openAppender(file);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot open the batch index '" + file + "' (" + e
                    + "): check the output folder's permissions", e);
        }
    }

    /** SHA-256 of what decides an item's outputs besides its inputs: settings, components and writer format. */
    String configChecksum() {
        StringBuilder text = new StringBuilder("writer-format=").append(writer.outputFormat()).append('\n');
        new TreeMap<>(pipeline.config().toMap()).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        for (Stage stage : Stage.values()) {
            ComponentDescriptor d = pipeline.descriptor(stage);
            text.append(stage).append(':').append(d.name()).append('/').append(d.backbone()).append('/').append(d.engine())
                    .append('/').append(d.inputSize()).append('\n');
        }
        return Checksums.of(text.toString());
    }

    private BatchReport writeReport(BatchReport report) {
        try {
            storage.replaceFile(report.jsonFile(), ReportFiles.json(report));
            storage.replaceFile(report.csvFile(), ReportFiles.csv(report));
            return report;
        } catch (IOException e) {
            String problem = "cannot write the report to '" + outputDirectory + "' (" + e + "): check the folder's permissions and free space";
            log.warn(problem);
            return new BatchReport(report.outputDirectory(), report.items(), report.millis(), report.configChecksum(), Optional.of(problem));
        }
    }

    static DeoccException timeout(String itemId) {
        return new DeoccException(ErrorCode.TIMEOUT, "item '" + itemId + "' ran out of time: raise limits.item-timeout-seconds or give it less work");
    }

    /** One batch: the shared state of its workers. */
    private final class Run {
        private final List<BatchItem> items;
        private final BatchListener listener;
        private final Map<String, BatchIndex.Entry> index;
        private final String configChecksum;
        private final Path staging;
        private final BatchStorage.Appender appender;
        private final AtomicReferenceArray<ItemOutcome> outcomes;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReference<String> stopReason = new AtomicReference<>();
        private final long timeoutNanos = pipeline.config().limits().itemTimeout().toNanos();
        private ExecutorService tasks;

        Run(List<BatchItem> items, BatchListener listener, Map<String, BatchIndex.Entry> index, String configChecksum, Path staging,
                BatchStorage.Appender appender) {
            this.items = List.copyOf(items);
            this.listener = listener;
            this.index = index;
            this.configChecksum = configChecksum;
            this.staging = staging;
            this.appender = appender;
            this.outcomes = new AtomicReferenceArray<>(this.items.size());
        }

        List<ItemOutcome> execute() {
            int workerCount = Math.max(1, Math.min(options.workers(), items.size()));
            ExecutorService workers = Executors.newFixedThreadPool(workerCount, daemonThreads("deocc-batch-worker-"));
            // Items run on threads of their own so that a worker can give up on one that hangs.
            tasks = Executors.newCachedThreadPool(daemonThreads("deocc-batch-item-"));
            try {
                for (int w = 0; w < workerCount; w++) {
                    workers.execute(this::work);
                }
                workers.shutdown();
                while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                    // wait: every worker ends after the last item
                }
            } catch (InterruptedException e) {
                stopReason.compareAndSet(null, "the batch was interrupted");
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            } finally {
                tasks.shutdownNow();
            }
            List<ItemOutcome> result = new ArrayList<>(items.size());
            if (stopReason.get() == null) {
                stopReason.compareAndSet(null, "the batch ended before the item started");
            }
            for (int i = 0; i < items.size(); i++) {
                ItemOutcome outcome = outcomes.get(i);
                result.add(outcome != null ? outcome : notRun(items.get(i), 0));
            }
            return result;
        }

        private void work() {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                BatchItem item = items.get(i);
                long start = System.nanoTime();
                notify(l -> l.itemStarted(item));
                ItemOutcome outcome = stopReason.get() != null ? notRun(item, start) : process(item, start);
                outcomes.set(i, outcome);
                notify(l -> l.itemFinished(outcome));
            }
        }

        private ItemOutcome notRun(BatchItem item, long start) {
            return ItemOutcome.failed(item.id(), ItemStatus.NOT_RUN, ErrorCode.IO_FAILURE, "not run: " + stopReason.get()
                    + "; fix the output folder and run the batch again to do the rest", millisSince(start));
        }

        private ItemOutcome process(BatchItem item, long start) {
            long deadline = start + timeoutNanos;
            ItemTask task = new ItemTask(item, deadline);
            Future<Prepared> future = tasks.submit(task);
            Prepared prepared;
            try {
                prepared = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                abandon(task, future);
                log.warn("item {} timed out after {}; abandoned", item.id(), pipeline.config().limits().itemTimeout());
                return timedOut(item, start);
            } catch (InterruptedException e) {
                abandon(task, future);
                Thread.currentThread().interrupt();
                stopReason.compareAndSet(null, "the batch was interrupted");
                return notRun(item, start);
            } catch (ExecutionException e) {
                return failure(item, e.getCause(), start);
            }
            if (prepared instanceof Prepared.Skip skip) {
                return ItemOutcome.succeeded(item.id(), ItemStatus.SKIPPED_DONE_BEFORE, skip.entry().people(), millisSince(start), skip.entry().files());
            }
            Prepared.Staged staged = (Prepared.Staged) prepared;
            // The last check before anything becomes visible: a late item is never committed.
            if (System.nanoTime() - deadline >= 0) {
                deleteQuietly(staged.folder());
                return timedOut(item, start);
            }
            try {
                commit(item, staged);
            } catch (IOException | UncheckedIOException e) {
                deleteQuietly(staged.folder());
                return failure(item, e, start);
            }
            return ItemOutcome.succeeded(item.id(), ItemStatus.DONE, staged.entry().people(), millisSince(start), staged.entry().files());
        }

        private void abandon(ItemTask task, Future<Prepared> future) {
            Path handedOver = task.abandon();
            future.cancel(true);
            if (handedOver != null) {
                deleteQuietly(handedOver);
            }
        }

        private ItemOutcome timedOut(BatchItem item, long start) {
            return ItemOutcome.failed(item.id(), ItemStatus.TIMED_OUT, ErrorCode.TIMEOUT, "item '" + item.id() + "' took longer than "
                    + pipeline.config().limits().itemTimeout().toMillis() + " ms and was given up: raise limits.item-timeout-seconds "
                    + "or give it less work", millisSince(start));
        }

        private ItemOutcome failure(BatchItem item, Throwable error, long start) {
            ErrorCode code;
            String message;
            if (error instanceof DeoccException deocc) {
                code = deocc.errorCode();
                message = deocc.getMessage();
            } else if (error instanceof IOException || error instanceof UncheckedIOException) {
                code = ErrorCode.IO_FAILURE;
                message = "writing item '" + item.id() + "' failed (" + describe(error) + "): check the free space and permissions of '" + outputDirectory + "'";
            } else if (error instanceof OutOfMemoryError) {
                code = ErrorCode.OUT_OF_MEMORY;
                message = "item '" + item.id() + "' ran out of memory: give the JVM more heap, use fewer workers or lower limits.max-image-pixels";
            } else {
                code = ErrorCode.INTERNAL;
                message = "item '" + item.id() + "' failed inside a component or the writer: " + error + "; this is a bug there, please report it";
            }
            if (code == ErrorCode.TIMEOUT) {
                return ItemOutcome.failed(item.id(), ItemStatus.TIMED_OUT, code, message, millisSince(start));
            }
            log.warn("item {} failed ({}): {}", item.id(), code, message);
            if (code == ErrorCode.IO_FAILURE) {
                checkOutputUsable(error);
            }
            return ItemOutcome.failed(item.id(), ItemStatus.FAILED, code, message, millisSince(start));
        }

        /** After a write failure: when not even an empty folder can be made and removed, stop the batch. */
        private void checkOutputUsable(Throwable cause) {
            try {
                Path probe = storage.createTempDirectory(staging, "probe-");
                storage.deleteTree(probe);
            } catch (IOException | RuntimeException e) {
                if (stopReason.compareAndSet(null, "the output folder '" + outputDirectory + "' became unusable (" + e + " after " + cause + ")")) {
                    log.error("stopping the batch: output folder {} is unusable: {}", outputDirectory, e.toString());
                }
            }
        }

        /** Moves the staged folder into place (replacing an older one), then records it in the index. */
        private void commit(BatchItem item, Prepared.Staged staged) throws IOException {
            Path target = outputDirectory.resolve(item.id());
            Path old = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // A folder cannot be renamed over a non-empty one: move the old one aside first.
                old = staging.resolve(item.id() + "-old-" + Long.toHexString(System.nanoTime()));
                storage.moveAtomically(target, old);
            }
            try {
                storage.moveAtomically(staged.folder(), target);
            } catch (IOException e) {
                if (old != null) {
                    restoreQuietly(old, target);
                }
                throw e;
            }
            storage.sync(outputDirectory);
            try {
                synchronized (appender) {
                    appender.append(BatchIndex.line(staged.entry()).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // Without its index line the folder would be redone anyway; remove it so that OUT only holds recorded items.
                deleteQuietly(target);
                throw e;
            }
            if (old != null) {
                deleteQuietly(old);
            }
        }

        private void restoreQuietly(Path old, Path target) {
            try {
                storage.moveAtomically(old, target);
            } catch (IOException e) {
                log.warn("cannot move the previous {} back from {}: {}", target, old, e.toString());
            }
        }

        private void deleteQuietly(Path path) {
            try {
                storage.deleteTree(path);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot delete {}: {}; the next run deletes staging leftovers", path, e.toString());
            }
        }

        private void notify(java.util.function.Consumer<BatchListener> event) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("batch listener {} threw; ignored", listener, e);
            }
        }

        /** Everything for one item up to the commit: runs on a thread of its own, under the item's deadline. */
        private final class ItemTask implements Callable<Prepared> {
            private final BatchItem item;
            private final long deadline;
            private Path folder;
            private boolean abandoned;
            private boolean handedOver;

            ItemTask(BatchItem item, long deadline) {
                this.item = item;
                this.deadline = deadline;
            }

            /** Marks the task given up; returns its staged folder when it was already handed over, so the caller deletes it. */
            synchronized Path abandon() {
                abandoned = true;
                return handedOver ? folder : null;
            }

            private synchronized boolean outOfTime() {
                return abandoned || System.nanoTime() - deadline >= 0;
            }

            @Override
            public Prepared call() throws IOException {
                List<String> maskSums = new ArrayList<>();
                String imageSum = checksum(item.image(), "image");
                for (Path mask : item.maskFiles()) {
                    maskSums.add(checksum(mask, "mask file"));
                }
                if (options.resume()) {
                    BatchIndex.Entry done = index.get(item.id());
                    if (done != null && done.image().equals(imageSum) && done.masks().equals(maskSums) && done.config().equals(configChecksum)
                            && outputsIntact(done)) {
                        return new Prepared.Skip(done);
                    }
                }
                RgbImage image = ImageFiles.readRgb(item.image(), pipeline.config().limits());
                DeoccResult result = pipeline.run(new SegmentationRequest(image, Optional.of(fileName(item.image())), item.maskFiles()));
                checkResult(result);
                synchronized (this) {
                    if (outOfTime()) {
                        throw timeout(item.id());
                    }
                    folder = storage.createTempDirectory(staging, item.id() + "-");
                }
                try {
                    StagedFiles files = new StagedFiles(storage, folder, item.id(), this::outOfTime);
                    writer.write(files, item, image, result);
                    files.finish();
                    BatchIndex.Entry entry = new BatchIndex.Entry(item.id(), imageSum, maskSums, configChecksum, result.people().size(), files.checksums());
                    synchronized (this) {
                        if (abandoned) {
                            throw timeout(item.id());
                        }
                        handedOver = true;
                    }
                    return new Prepared.Staged(folder, entry);
                } catch (IOException | RuntimeException | Error e) {
                    deleteQuietly(folder);
                    throw e;
                }
            }

            private void checkResult(DeoccResult result) {
                if (!result.failures().isEmpty()) {
                    PersonFailure first = result.failures().get(0);
                    throw new DeoccException(first.error().errorCode(), result.failures().size() + " of " + (result.people().size()
                            + result.failures().size()) + " people failed; person " + first.personId() + ": " + first.error().getMessage(), first.error());
                }
                if (result.people().isEmpty()) {
                    throw new DeoccException(ErrorCode.EMPTY_MASK, "no people found in '" + item.image() + "': give masks for it, "
                            + "choose another segmenter, or leave the image out of the batch");
                }
            }

            private boolean outputsIntact(BatchIndex.Entry done) {
                Path folder = outputDirectory.resolve(item.id());
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                try {
                    for (Map.Entry<String, String> file : done.files().entrySet()) {
                        Path path = folder.resolve(file.getKey());
                        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || !Checksums.of(path).equals(file.getValue())) {
                            log.info("item {} is redone: {} is missing or changed", item.id(), path);
                            return false;
                        }
                    }
                    return true;
                } catch (IOException e) {
                    log.info("item {} is redone: its outputs cannot be read ({})", item.id(), e.toString());
                    return false;
                }
            }
        }
    }

    private static String checksum(Path file, String what) {
        try {
            return Checksums.of(file);
        } catch (NoSuchFileException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, what + " '" + file + "' does not exist: check the path");
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, what + " '" + file + "' cannot be read (" + e + "): check the path and its permissions", e);
        }
    }

    /** The error and its causes: writers such as ImageIO wrap the IOException that says what happened. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        int depth = 0;
        for (Throwable cause = error.getCause(); cause != null && depth < 5; cause = cause.getCause(), depth++) {
            text.append(", caused by ").append(cause);
        }
        return text.toString();
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private static long millisSince(long startNanos) {
        return startNanos == 0 ? 0 : Math.max(0, Math.round((System.nanoTime() - startNanos) / 1e6));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + THREADS.incrementAndGet());
            // an abandoned item must not keep the JVM alive
            thread.setDaemon(true);
            return thread;
        };
    }

    /** What an item task hands back: the item was done before, or is staged and ready to commit. */
    private sealed interface Prepared {
        record Skip(BatchIndex.Entry entry) implements Prepared {}

        record Staged(Path folder, BatchIndex.Entry entry) implements Prepared {}
    }
}
