package io.deocc.data.eval;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.Component;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.content.metrics.ContentMetrics;
import io.deocc.content.metrics.ContentScore;
import io.deocc.data.Sample;
import io.deocc.data.SampleResult;
import io.deocc.data.SampleSource;
import io.deocc.mask.metrics.MaskMetrics;
import io.deocc.mask.metrics.MaskScore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a mask completer and/or a content recoverer over a dataset and scores them as the paper does
 * (see {@link EvaluationReport}). The caller creates and closes the components, e.g. through the
 * runtime; an evaluation only calls them.
 *
 * <pre>{@code
 * Evaluation evaluation = Evaluation.builder().completer(completer).recoverer(recoverer).threads(4).build();
 * try (SampleSource source = Datasets.open(folder, limits)) {
 *     EvaluationReport report = evaluation.run(source);
 * }
 * }</pre>
 *
 * <p><b>Stages.</b> With a completer alone, only masks are scored. With a recoverer alone, it is given the
 * ground-truth masks. With both, the recoverer gets the ground-truth masks by default
 * ({@link ContentMasks#GROUND_TRUTH}, as in the paper) or the completer's ({@link ContentMasks#PREDICTED}).
 * The completer's input person is {@link Sample#person()}: the sample's segmenter mask when it has one.
 * Content is scored against {@link Sample#original()} inside the ground-truth invisible region; a sample
 * without an original image is skipped by the content stage.
 *
 * <p><b>Failures.</b> An item the reader could not load, and an item on which a component throws, is
 * recorded as a {@link SkippedItem} with its reason, and the evaluation goes on.
 *
 * <p><b>Threads.</b> Items are read in order on the calling thread and processed by {@code threads}
 * workers; at most a few items per worker are in memory at once. The metric sums are exact and rows are
 * kept in dataset order, so the report (apart from timings) does not depend on the thread count.
 * Components whose descriptor says they are not thread-safe are called one at a time.
 */
public final class Evaluation {
    private static final Logger log = LoggerFactory.getLogger(Evaluation.class);
    /** Items in flight per worker: enough to keep workers busy while the reader decodes the next one. */
    private static final int QUEUE_PER_THREAD = 2;

    private final Optional<MaskCompleter> completer;
    private final Optional<ContentRecoverer> recoverer;
    private final ContentMasks contentMasks;
    private final int threads;
    private final long limit;
    private final int extremes;
    private final EvaluationListener listener;
    private final Object completerLock = new Object();
    private final Object recovererLock = new Object();

    private Evaluation(Builder builder) {
        this.completer = Optional.ofNullable(builder.completer);
        this.recoverer = Optional.ofNullable(builder.recoverer);
        this.contentMasks = builder.contentMasks;
        this.threads = builder.threads;
        this.limit = builder.limit;
        this.extremes = builder.extremes;
        this.listener = builder.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates every item of {@code source} (up to the limit). The source stays open; the caller closes it.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null source, {@code INTERNAL} when interrupted
     */
    public EvaluationReport run(SampleSource source) {
        checkNotNull(source, "sample source");
        long start = System.nanoTime();
        Totals totals = new Totals();
        OptionalLong total = source.size();
        if (total.isPresent() && limit < Long.MAX_VALUE) {
            total = OptionalLong.of(Math.min(total.getAsLong(), limit));
        }
        try (Stream<SampleResult> stream = source.stream()) {
            Iterator<SampleResult> items = stream.limit(limit).iterator();
            if (threads == 1) {
                long index = 0;
                while (items.hasNext()) {
                    totals.add(evaluate(index++, items.next()));
                    listener.itemDone(totals.done, total);
                }
            } else {
                runParallel(items, totals, total);
            }
        }
        long elapsed = Math.round((System.nanoTime() - start) / 1e6);
        log.info("evaluated {} items of {} ({} skipped) in {} ms", totals.done, source.description(), totals.skipped.size(), elapsed);
        return totals.report(source.description(), elapsed);
    }

    private void runParallel(Iterator<SampleResult> items, Totals totals, OptionalLong total) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, new WorkerThreads());
        try {
            // Results are taken in submission order, so totals see the items in dataset order.
            Deque<Future<Outcome>> inFlight = new ArrayDeque<>();
            long index = 0;
            while (items.hasNext()) {
                long itemIndex = index++;
                SampleResult item = items.next();
                inFlight.add(pool.submit(() -> evaluate(itemIndex, item)));
                if (inFlight.size() >= threads * QUEUE_PER_THREAD) {
                    totals.add(await(inFlight.poll()));
                    listener.itemDone(totals.done, total);
                }
            }
            while (!inFlight.isEmpty()) {
                totals.add(await(inFlight.poll()));
                listener.itemDone(totals.done, total);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeoccException(ErrorCode.INTERNAL, "the evaluation was interrupted: run it again", e);
        } catch (ExecutionException e) {
            // evaluate() turns exceptions into skipped items, so only Errors get here
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new DeoccException(ErrorCode.INTERNAL, "evaluating an item failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    /** Scores one item; every failure becomes a skipped item. */
    private Outcome evaluate(long index, SampleResult item) {
        if (item instanceof SampleResult.Skipped skipped) {
            return new Outcome.Skip(new SkippedItem(index, skipped.itemId(), skipped.line(), SkippedItem.Phase.READ,
                    skipped.error().errorCode(), oneLine(skipped.error().getMessage())));
        }
        Sample sample = ((SampleResult.Loaded) item).sample();
        long start = System.nanoTime();
        RgbImage image = sample.image();
        MaskScore maskScore = null;
        MaskCompletion predicted = null;
        if (completer.isPresent()) {
            MaskCompleter c = completer.get();
            try {
                PersonInstance person = sample.person();
                predicted = call(c, completerLock, () -> c.complete(image, person));
                if (predicted == null) {
                    throw new DeoccException(ErrorCode.INTERNAL, "mask completer '" + c.descriptor().name() + "' returned null: this is a bug in it");
                }
                maskScore = MaskScore.ofCompletion(predicted, sample.amodal(), sample.visible());
            } catch (RuntimeException e) {
                return skip(index, sample, SkippedItem.Phase.MASK, e);
            }
        }
        ContentScore contentScore = null;
        RgbImage composite = image;
        if (recoverer.isPresent()) {
            ContentRecoverer r = recoverer.get();
            try {
                RgbImage original = sample.original().orElseThrow(() -> DeoccException.invalidArgument("sample '" + sample.id()
                        + "' has no original (unoccluded) image, so its recovered content cannot be scored: add one or evaluate the mask stage only"));
                MaskCompletion masks = contentMasks == ContentMasks.PREDICTED ? predicted
                        : new MaskCompletion(sample.visible(), sample.amodal(), sample.visibleParsing(), sample.amodalParsing());
                PersonInstance person = sample.person();
                ContentRecovery recovery = call(r, recovererLock, () -> r.recover(image, person, masks));
                if (recovery == null) {
                    throw new DeoccException(ErrorCode.INTERNAL, "content recoverer '" + r.descriptor().name() + "' returned null: this is a bug in it");
                }
                composite = recovery.composite();
                contentScore = ContentScore.of(composite, original, sample.invisible());
            } catch (RuntimeException e) {
                return skip(index, sample, SkippedItem.Phase.CONTENT, e);
            }
        }
        long elapsed = Math.round((System.nanoTime() - start) / 1e6);
        ItemRow row = new ItemRow(index, sample.id(), sample.visibleRatio(),
                maskScore == null ? OptionalDouble.empty() : OptionalDouble.of(maskScore.iou()),
                maskScore == null ? OptionalDouble.empty() : maskScore.invisibleIou(),
                scored(contentScore) ? OptionalDouble.of(contentScore.l1()) : OptionalDouble.empty(),
                scored(contentScore) ? OptionalDouble.of(contentScore.psnr()) : OptionalDouble.empty(),
                scored(contentScore) ? OptionalDouble.of(contentScore.ssim()) : OptionalDouble.empty(),
                elapsed);
        CaseView view = new CaseView(row, image, sample.person().visibleMask(), sample.visible(), predicted == null ? sample.amodal() : predicted.amodal(),
                sample.amodal(), composite);
        return new Outcome.Scored(view, maskScore, contentScore);
    }

    private static boolean scored(ContentScore score) {
        return score != null && !score.isEmpty();
    }

    private static <T> T call(Component component, Object lock, Supplier<T> work) {
        if (component.descriptor().threadSafe()) {
            return work.get();
        }
        synchronized (lock) {
            return work.get();
        }
    }

    private static Outcome skip(long index, Sample sample, SkippedItem.Phase phase, RuntimeException error) {
        ErrorCode code;
        String message;
        if (error instanceof DeoccException deocc) {
            code = deocc.errorCode();
            message = deocc.getMessage();
        } else {
            // a component's bug: record it like any failure so one bad item cannot end a long run
            code = ErrorCode.INTERNAL;
            message = "a component threw " + error + "; this is a bug in the component, please report it";
            log.warn("item '{}' failed in the {} stage", sample.id(), phase.label(), error);
        }
        log.debug("item '{}' skipped in the {} stage: {}", sample.id(), phase.label(), message);
        return new Outcome.Skip(new SkippedItem(index, sample.id(), 0, phase, code, oneLine(message)));
    }

    /** Reasons end up in one CSV cell and one table row: keep them to a line. */
    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "failed without a message";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** What evaluating one item gave. */
    private sealed interface Outcome {
        record Scored(CaseView view, MaskScore maskScore, ContentScore contentScore) implements Outcome { }

        record Skip(SkippedItem item) implements Outcome { }
    }

    /** Everything accumulated so far; touched by the reading thread only. */
    private final class Totals {
        private final MaskMetrics maskMetrics = new MaskMetrics();
        private final ContentMetrics contentMetrics = new ContentMetrics();
        private final List<ItemRow> rows = new ArrayList<>();
        private final List<SkippedItem> skipped = new ArrayList<>();
        private final TreeSet<CaseView> best;
        private final TreeSet<CaseView> worst;
        private long done;

        Totals() {
            // For best cases a higher IoU (or lower L1) ranks first; ties go to the earlier item.
            Comparator<CaseView> better = completer.isPresent()
                    ? Comparator.comparingDouble((CaseView v) -> -v.row().amodalIou().orElseThrow())
                    : Comparator.comparingDouble((CaseView v) -> v.row().l1().orElseThrow());
            Comparator<CaseView> byIndex = Comparator.comparingLong(v -> v.row().index());
            best = new TreeSet<>(better.thenComparing(byIndex));
            worst = new TreeSet<>(better.reversed().thenComparing(byIndex));
        }

        void add(Outcome outcome) {
            done++;
            if (outcome instanceof Outcome.Skip skip) {
                skipped.add(skip.item());
                return;
            }
            Outcome.Scored scored = (Outcome.Scored) outcome;
            rows.add(scored.view().row());
            if (scored.maskScore() != null) {
                maskMetrics.add(scored.maskScore());
            }
            if (scored.contentScore() != null) {
                contentMetrics.add(scored.contentScore());
            }
            boolean rankable = completer.isPresent() || scored.view().row().l1().isPresent();
            if (rankable && extremes > 0) {
                keep(best, scored.view());
                keep(worst, scored.view());
            }
        }

        private void keep(TreeSet<CaseView> set, CaseView view) {
            set.add(view);
            if (set.size() > extremes) {
                set.pollLast();
            }
        }

        EvaluationReport report(String dataset, long elapsedMillis) {
            return new EvaluationReport(dataset, completer.map(c -> c.descriptor().name()), recoverer.map(r -> r.descriptor().name()),
                    contentMasks, done, completer.map(c -> maskMetrics.summary()), recoverer.map(r -> contentMetrics.summary()),
                    rows, skipped, List.copyOf(best), List.copyOf(worst), elapsedMillis);
        }
    }

    /** Daemon workers, so a forgotten evaluation never keeps the JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "deocc-eval-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Configures an {@link Evaluation}; at least one component is required. */
    public static final class Builder {
        /** How many best and worst cases a report keeps unless told otherwise. */
        public static final int DEFAULT_EXTREMES = 8;
        /** The most worker threads accepted. */
        public static final int MAX_THREADS = 256;

        private MaskCompleter completer;
        private ContentRecoverer recoverer;
        private ContentMasks contentMasks = ContentMasks.GROUND_TRUTH;
        private int threads = 1;
        private long limit = Long.MAX_VALUE;
        private int extremes = DEFAULT_EXTREMES;
        private EvaluationListener listener = EvaluationListener.none();

        private Builder() {}

        /** The mask completer to score; its masks are scored against the ground truth. */
        public Builder completer(MaskCompleter completer) {
            this.completer = checkNotNull(completer, "mask completer");
            return this;
        }

        /** The content recoverer to score. */
        public Builder recoverer(ContentRecoverer recoverer) {
            this.recoverer = checkNotNull(recoverer, "content recoverer");
            return this;
        }

        /** Which masks the recoverer is given; {@link ContentMasks#GROUND_TRUTH} by default. */
        public Builder contentMasks(ContentMasks contentMasks) {
            this.contentMasks = checkNotNull(contentMasks, "content masks");
            return this;
        }

        /** Worker threads, 1 (the default) to {@value #MAX_THREADS}; the report does not depend on it. */
        public Builder threads(int threads) {
            checkArgument(threads >= 1 && threads <= MAX_THREADS,
                    "thread count " + threads + " must lie in [1, " + MAX_THREADS + "]: give e.g. the number of CPU cores");
            this.threads = threads;
            return this;
        }

        /** Evaluates at most the first {@code limit} items (at least 1); all by default. */
        public Builder limit(long limit) {
            checkArgument(limit >= 1, "item limit " + limit + " must be at least 1: leave it unset to evaluate everything");
            this.limit = limit;
            return this;
        }

        /** How many best and worst cases to keep, 0 to 100; {@value #DEFAULT_EXTREMES} by default. */
        public Builder extremes(int k) {
            checkArgument(k >= 0 && k <= 100, "best/worst case count " + k + " must lie in [0, 100]");
            this.extremes = k;
            return this;
        }

        /** Hears about progress; called on the thread that runs the evaluation. */
        public Builder listener(EvaluationListener listener) {
            this.listener = checkNotNull(listener, "listener");
            return this;
        }

        /**
         * @throws DeoccException {@code INVALID_ARGUMENT} without any component, or with predicted content
         *     masks but no completer
         */
        public Evaluation build() {
            if (completer == null && recoverer == null) {
                throw DeoccException.invalidArgument("an evaluation needs a mask completer, a content recoverer or both: give at least one");
            }
            if (recoverer != null && completer == null && contentMasks == ContentMasks.PREDICTED) {
                throw DeoccException.invalidArgument("content masks 'predicted' need a mask completer to predict them: "
                        + "give a completer, or use ground-truth masks");
            }
            return new Evaluation(this);
        }
    }
}
