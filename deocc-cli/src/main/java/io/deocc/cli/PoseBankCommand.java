package io.deocc.cli;

import io.deocc.api.DeoccException;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.cli.Main.CliContext;
import io.deocc.data.Datasets;
import io.deocc.data.SampleResult;
import io.deocc.data.SampleSource;
import io.deocc.data.pose.PoseBankBuilder;
import io.deocc.data.pose.SyntheticPeople;
import io.deocc.mask.pose.PoseMaskBank;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deocc pose-bank}: computes a typical pose-mask bank (k-means centres of amodal masks of
 * synthetic people, cropped to their box and resized) and writes it in the {@link PoseMaskBank}
 * format. The defaults reproduce the bank io.deocc.mask ships as {@code pose-masks-v2.txt}. With
 * {@code --dataset} the amodal masks of a dataset folder are clustered instead; items the reader
 * skips are counted and reported on stderr.
 */
@Command(name = "pose-bank",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Computes a pose-mask bank: the k-means centres of the whole-body (amodal) masks of COUNT synthetic people "
                    + "(scene seeds SEED to SEED+COUNT-1), each cropped to its box and area-averaged to SIZE x SIZE.",
            "With --dataset DIR the amodal masks of a dataset folder are clustered instead (the first COUNT usable samples "
                    + "when --count is given, else all).",
            "The defaults make the bank shipped as io/deocc/mask/pose/pose-masks-v2.txt. Use it with the reference completer "
                    + "through --set mask-completer.pose-bank=FILE."},
        footer = {"", "Exit codes: 0 success, 1 bad input, 2 internal error."})
final class PoseBankCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--k", paramLabel = "K", description = "Number of centres, 1 to 4096, at most COUNT (default: ${DEFAULT-VALUE}).")
    private int k = PoseBankBuilder.DEFAULT_K;

    @Option(names = "--count", paramLabel = "COUNT",
            description = "Number of synthetic people (default: " + SyntheticPeople.SHIPPED_COUNT + "), or most dataset samples to use.")
    private Integer count;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "First scene seed, also the clustering seed (default: ${DEFAULT-VALUE}; keep clear of the seeds you evaluate on).")
    private long seed = SyntheticPeople.SHIPPED_FIRST_SEED;

    @Option(names = "--size", paramLabel = "SIZE", description = "Side of the masks, 4 to 128 (default: ${DEFAULT-VALUE}).")
    private int size = PoseBankBuilder.DEFAULT_SIZE;

    @Option(names = "--scene-size", paramLabel = "PIXELS",
            description = "Side of the synthetic scenes, 32 to 1024 (default: " + SyntheticPeople.DEFAULT_SCENE_SIZE + ").")
    private Integer sceneSize;

    @Option(names = "--iterations", paramLabel = "N", description = "Most k-means iterations, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    private int iterations = PoseBankBuilder.DEFAULT_MAX_ITERATIONS;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true, description = "The bank file to write (replaced atomically).")
    private Path out;

    @Option(names = "--dataset", paramLabel = "DIR", description = "Cluster the amodal masks of this dataset folder instead of synthetic people.")
    private Path dataset;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when stderr is not a terminal.")
    private boolean progress;

    @Option(names = Main.VERBOSE, description = "Log progress to stderr and print stack traces with errors.")
    private boolean verbose;

    PoseBankCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // Validate everything before the slow part, so a typo fails at once.
        PoseBankBuilder builder = new PoseBankBuilder(k, size, iterations, seed);
        if (dataset != null) {
            return fromDataset(builder);
        }
        int people = count == null ? SyntheticPeople.SHIPPED_COUNT : count;
        SyntheticPeople synthetic = new SyntheticPeople(seed, people, sceneSize == null ? SyntheticPeople.DEFAULT_SCENE_SIZE : sceneSize);
        if (k > people) {
            throw DeoccException.invalidArgument("--k " + k + " is larger than --count " + people + ": ask for at most " + people
                    + " centres or more people");
        }
        OutputPaths.checkFile(out, "--out");

        long start = System.nanoTime();
        PoseMaskBank bank;
        try (Progress bar = Progress.start(context, progress, "pose-bank", people, "masks")) {
            bank = builder.build(synthetic, onMask(bar, people));
        }
        bank.save(out);
        context.out().println(String.format(Locale.ROOT, "wrote %s: %d pose masks of %dx%d from %d synthetic people (seeds %d to %d) in %.1f s",
                out, bank.count(), bank.size(), bank.size(), people, synthetic.firstSeed(), synthetic.lastSeed(), secondsSince(start)));
        return Main.EXIT_OK;
    }

    private int fromDataset(PoseBankBuilder builder) {
        if (sceneSize != null) {
            throw DeoccException.invalidArgument("--scene-size applies to synthetic people only: drop it or drop --dataset");
        }
        if (count != null && (count < 1 || count > PoseBankBuilder.MAX_MASKS)) {
            throw DeoccException.invalidArgument("--count " + count + " is out of range: use 1 to " + PoseBankBuilder.MAX_MASKS);
        }
        OutputPaths.checkFile(out, "--out");
        long start = System.nanoTime();
        AtomicLong skipped = new AtomicLong();
        AtomicReference<SampleResult.Skipped> firstSkipped = new AtomicReference<>();
        PoseMaskBank bank;
        try (SampleSource source = Datasets.open(dataset, ResourceLimits.defaults());
                Stream<SampleResult> items = source.stream()) {
            int total = count != null ? count : (int) Math.min(PoseBankBuilder.MAX_MASKS, source.size().orElse(0));
            Stream<BinaryMask> masks = items.filter(item -> {
                if (item instanceof SampleResult.Skipped skip) {
                    skipped.incrementAndGet();
                    firstSkipped.compareAndSet(null, skip);
                    return false;
                }
                return true;
            }).map(item -> ((SampleResult.Loaded) item).sample().amodal());
            if (count != null) {
                masks = masks.limit(count);
            }
            try (Progress bar = Progress.start(context, progress, "pose-bank", total, "masks")) {
                bank = builder.build(masks, "dataset " + abbreviate(source.description(), 200), onMask(bar, total));
            }
        }
        bank.save(out);
        if (skipped.get() > 0) {
            SampleResult.Skipped first = firstSkipped.get();
            context.err().println("deocc: warning: " + skipped.get() + " dataset item(s) could not be read and were left out; the first, '"
                    + first.itemId() + "' (manifest line " + first.line() + "): " + Main.oneLine(first.error().getMessage()));
        }
        context.out().println(String.format(Locale.ROOT, "wrote %s: %d pose masks of %dx%d from the amodal masks of dataset %s in %.1f s",
                out, bank.count(), bank.size(), bank.size(), dataset, secondsSince(start)));
        return Main.EXIT_OK;
    }

    /** Counts masks read; k-means reports no progress of its own, so the bar says when it starts. */
    private static IntConsumer onMask(Progress bar, long total) {
        return done -> {
            bar.stepTo(done);
            if (done >= total) {
                bar.note("clustering...");
            }
        };
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String abbreviate(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : "..." + line.substring(line.length() - max + 3);
    }
}
