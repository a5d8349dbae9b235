package io.deocc.data.pose;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.mask.pose.PoseMaskBank;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a typical pose-mask bank as in the paper: the k-means centres of amodal person masks,
 * each cropped to its tight box and resized to {@code size × size}.
 *
 * <h2>The recipe, step by step</h2>
 * <ol>
 *   <li><b>Crop and resize</b> ({@link #cropAndResize}): each amodal mask is cut to its bounding
 *       box, which is then stretched (aspect not kept, as the bank's templates are) onto a
 *       {@code size × size} grid by <em>area averaging</em>: an output cell's value is the share of
 *       its footprint in the box that the mask covers, so values are soft, in [0, 1], and computed
 *       with exact integer overlaps (no floating-point drift between machines).</li>
 *   <li><b>Cluster</b>: Apache Commons Math's {@link KMeansPlusPlusClusterer} (k-means++ seeding,
 *       Euclidean distance, a {@link Well19937c} generator seeded with {@link #seed()}, at most
 *       {@link #maxIterations()} iterations; an empty cluster is re-seeded with the point farthest
 *       from its centre). The input order is the stream's encounter order, so the same masks in the
 *       same order and the same seed give the same centres.</li>
 *   <li><b>Order</b>: centres are sorted by cluster size, largest first (the most typical pose
 *       comes first); equal sizes are ordered by the centres' values compared lexicographically,
 *       which makes the order total.</li>
 *   <li><b>Store</b>: the centres become a {@link PoseMaskBank} (8-bit levels) whose recipe line
 *       records this algorithm's version, the commons-math3 version, k, size, iterations, seed,
 *       the number of masks and their source.</li>
 * </ol>
 *
 * <h2>The shipped bank</h2>
 * {@code deocc-mask/src/main/resources/io/deocc/mask/pose/pose-masks-v2.txt} is
 * {@link SyntheticPeople#SHIPPED} (4000 synthetic people from scene seeds 7 000 000 to
 * 7 003 999, 192×192 scenes, disjoint from the test seeds 1000–1059 and 5000–5099) through
 * {@link #defaults(long) defaults(7_000_000)} (k = 64, size 32, 100 iterations). Rebuild it from
 * the repository root, after {@code mvn -o install -pl deocc-cli}, with
 * <pre>
 * bin/deocc pose-bank --k 64 --count 4000 --seed 7000000 --size 32 --scene-size 192 --iterations 100 \
 *     --out deocc-mask/src/main/resources/io/deocc/mask/pose/pose-masks-v2.txt
 * </pre>
 * which writes the same bytes (it takes about a minute on two cores). The bank depends on
 * deocc-synth's people: a change to {@code SyntheticScenes} changes the masks and so the bank.
 *
 * <p>Instances are immutable and thread-safe. Library code: it logs, never prints.
 */
public final class PoseBankBuilder {
    /** Number of centres in the paper's release. */
    public static final int DEFAULT_K = 64;
    /** The paper's mask side. */
    public static final int DEFAULT_SIZE = 32;
    /** Iteration cap; k-means on a few thousand masks settles well before it. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    /** Smallest mask side accepted. */
    public static final int MIN_SIZE = 4;
    /** Largest mask side accepted: beyond it k-means on thousands of masks becomes very slow. */
    public static final int MAX_SIZE = 128;
    /** Most iterations accepted. */
    public static final int MAX_ITERATIONS = 10_000;
    /** Most masks one build reads; bounds memory ({@code size² × 8} bytes per mask). */
    public static final int MAX_MASKS = 50_000;
    /** Names this recipe in the bank's recipe line; bump it when the algorithm changes. */
    public static final String ALGORITHM = "deocc PoseBankBuilder v1";

    private static final Logger log = LoggerFactory.getLogger(PoseBankBuilder.class);

    private final int k;
    private final int size;
    private final int maxIterations;
    private final long seed;

    /**
     * @param k number of centres, 1 to {@link PoseMaskBank#MAX_COUNT} (and at most the number of masks)
     * @param size side of the masks, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @param maxIterations k-means iteration cap, 1 to {@value #MAX_ITERATIONS}
     * @param seed seed of the clustering's random generator
     */
    public PoseBankBuilder(int k, int size, int maxIterations, long seed) {
        checkArgument(k >= 1 && k <= PoseMaskBank.MAX_COUNT,
                "k " + k + " is out of range: ask for 1 to " + PoseMaskBank.MAX_COUNT + " centres (the paper uses " + DEFAULT_K + ")");
        checkArgument(size >= MIN_SIZE && size <= MAX_SIZE,
                "mask size " + size + " is out of range: use " + MIN_SIZE + " to " + MAX_SIZE + " (the paper uses " + DEFAULT_SIZE + ")");
        checkArgument(maxIterations >= 1 && maxIterations <= MAX_ITERATIONS,
                "iteration cap " + maxIterations + " is out of range: use 1 to " + MAX_ITERATIONS + " (default " + DEFAULT_MAX_ITERATIONS + ")");
        this.k = k;
        this.size = size;
        this.maxIterations = maxIterations;
        this.seed = seed;
    }

    /** The paper's settings: k = {@value #DEFAULT_K}, size {@value #DEFAULT_SIZE}, {@value #DEFAULT_MAX_ITERATIONS} iterations. */
    public static PoseBankBuilder defaults(long seed) {
        return new PoseBankBuilder(DEFAULT_K, DEFAULT_SIZE, DEFAULT_MAX_ITERATIONS, seed);
    }

    public int k() {
        return k;
    }

    public int size() {
        return size;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public long seed() {
        return seed;
    }

    /** Builds the bank from synthetic people. */
    public PoseMaskBank build(SyntheticPeople people) {
        return build(people, count -> { });
    }

    /** Builds the bank from synthetic people, calling {@code onMaskRead} with the running count after each mask. */
    public PoseMaskBank build(SyntheticPeople people, IntConsumer onMaskRead) {
        checkNotNull(people, "synthetic people");
        checkArgument(k <= people.count(), "k " + k + " is larger than the " + people.count()
                + " masks to cluster: ask for at most " + people.count() + " centres or more masks");
        // Generating scenes dominates the reading time; the parallel stream keeps seed order.
        return build(people.amodalMasks().parallel(), people.description(), onMaskRead);
    }

    /**
     * Builds the bank from amodal masks.
     *
     * @param amodalMasks the whole-body masks, each non-empty; read once, in order
     * @param source one line naming where the masks come from, for the recipe
     */
    public PoseMaskBank build(Iterable<BinaryMask> amodalMasks, String source) {
        checkNotNull(amodalMasks, "amodal masks");
        return build(StreamSupport.stream(amodalMasks.spliterator(), false), source, count -> { });
    }

    /**
     * Builds the bank from a stream of amodal masks; a parallel stream is fine, its encounter
     * order is kept. The stream is consumed but not closed.
     *
     * @param amodalMasks the whole-body masks, each non-empty
     * @param source one line naming where the masks come from, for the recipe
     * @param onMaskRead called with the running number of masks read (from any thread), e.g. for a progress bar
     */
    public PoseMaskBank build(Stream<BinaryMask> amodalMasks, String source, IntConsumer onMaskRead) {
        checkNotNull(amodalMasks, "amodal masks");
        checkNotNull(onMaskRead, "progress callback");
        String checkedSource = checkSource(source);
        AtomicInteger read = new AtomicInteger();
        List<DoublePoint> points = amodalMasks.map(mask -> {
            int index = read.getAndIncrement();
            if (index >= MAX_MASKS) {
                throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "more than " + MAX_MASKS + " masks given: cluster at most " + MAX_MASKS);
            }
            if (mask == null) {
                throw DeoccException.invalidArgument("amodal mask " + index + " is null: give only real masks");
            }
            if (mask.isEmpty()) {
                throw new DeoccException(ErrorCode.EMPTY_MASK, "amodal mask " + index + " is empty: every mask must hold a person");
            }
            DoublePoint point = new DoublePoint(cropAndResizeExact(mask, size));
            onMaskRead.accept(index + 1);
            return point;
        }).toList();
        return cluster(points, checkedSource);
    }

    /**
     * The recipe line a build of {@code count} masks from {@code source} records; tells the bank's
     * reader exactly how to remake it.
     */
    public String recipe(int count, String source) {
        return ALGORITHM + ": k-means (commons-math3 " + commonsMathVersion() + " KMeansPlusPlusClusterer, Euclidean distance, Well19937c seed "
                + seed + ", at most " + maxIterations + " iterations, empty clusters re-seeded with the farthest point) of " + count
                + " amodal masks from " + checkSource(source) + ", each cropped to its box and area-averaged to " + size + "x" + size
                + "; k " + k + "; centres ordered by cluster size, largest first";
    }

    /**
     * A mask cropped to its bounding box and stretched onto a {@code size × size} grid by area
     * averaging: each value is the share of the cell's footprint in the box that the mask covers.
     *
     * @return {@code size × size} values in [0, 1], row-major
     */
    public static float[] cropAndResize(BinaryMask mask, int size) {
        checkNotNull(mask, "mask");
        checkArgument(size >= 1 && size <= MAX_SIZE, "mask size " + size + " is out of range: use 1 to " + MAX_SIZE);
        checkArgument(!mask.isEmpty(), "the mask is empty: cropping to its box needs at least one foreground pixel");
        double[] exact = cropAndResizeExact(mask, size);
        float[] out = new float[exact.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) exact[i];
        }
        return out;
    }

    private static double[] cropAndResizeExact(BinaryMask mask, int size) {
        Box box = mask.boundingBox().orElseThrow();
        // Work in units where a source pixel is `size` wide and an output cell is box.width() wide:
        // every overlap is then a whole number and the sums below are exact.
        int[][] columns = overlaps(box.width(), size);
        int[][] rows = overlaps(box.height(), size);
        long cellArea = (long) box.width() * box.height();
        double[] out = new double[size * size];
        for (int oy = 0; oy < size; oy++) {
            int[] rowWeights = rows[oy];
            int firstRow = oy * box.height() / size;
            for (int ox = 0; ox < size; ox++) {
                int[] columnWeights = columns[ox];
                int firstColumn = ox * box.width() / size;
                long covered = 0;
                for (int r = 0; r < rowWeights.length; r++) {
                    int y = box.y() + firstRow + r;
                    long rowSum = 0;
                    for (int c = 0; c < columnWeights.length; c++) {
                        if (mask.get(box.x() + firstColumn + c, y)) {
                            rowSum += columnWeights[c];
                        }
                    }
                    covered += rowSum * rowWeights[r];
                }
                out[oy * size + ox] = covered / (double) cellArea;
            }
        }
        return out;
    }

    /**
     * For each of {@code size} output cells over {@code length} source pixels: the overlaps (in
     * units of 1/size source pixel) with the source pixels it touches, starting at pixel
     * {@code o * length / size}.
     */
    private static int[][] overlaps(int length, int size) {
        int[][] out = new int[size][];
        for (int o = 0; o < size; o++) {
            long start = (long) o * length;
            long end = (long) (o + 1) * length;
            int first = (int) (start / size);
            int last = (int) ((end - 1) / size);
            int[] weights = new int[last - first + 1];
            for (int j = first; j <= last; j++) {
                long from = Math.max(start, (long) j * size);
                long to = Math.min(end, (long) (j + 1) * size);
                weights[j - first] = (int) (to - from);
            }
            out[o] = weights;
        }
        return out;
    }

    private PoseMaskBank cluster(List<DoublePoint> points, String source) {
        int count = points.size();
        checkArgument(count > 0, "no amodal masks given: give at least k = " + k + " masks");
        checkArgument(k <= count, "k " + k + " is larger than the " + count + " masks given: ask for at most " + count
                + " centres or give more masks");
        KMeansPlusPlusClusterer<DoublePoint> clusterer = new KMeansPlusPlusClusterer<>(k, maxIterations, new EuclideanDistance(),
                new Well19937c(seed), KMeansPlusPlusClusterer.EmptyClusterStrategy.FARTHEST_POINT);
        long start = System.nanoTime();
        List<CentroidCluster<DoublePoint>> clusters;
        try {
            clusters = clusterer.cluster(points);
        } catch (MathIllegalStateException e) {
            // Raised when an empty cluster cannot be re-seeded: too few distinct masks for k centres.
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "k-means could not find " + k + " distinct centres among " + count
                    + " masks (" + e.getMessage() + "): give more varied masks or a smaller k", e);
        }
        log.info("clustered {} masks into {} centres in {} ms", count, k, (System.nanoTime() - start) / 1_000_000);

        List<Centre> centres = new ArrayList<>(clusters.size());
        for (CentroidCluster<DoublePoint> cluster : clusters) {
            centres.add(new Centre(cluster.getCenter().getPoint(), cluster.getPoints().size()));
        }
        centres.sort(Comparator.comparingInt(Centre::members).reversed().thenComparing(Centre::values, PoseBankBuilder::compareValues));
        List<float[]> masks = new ArrayList<>(centres.size());
        for (Centre centre : centres) {
            float[] values = new float[centre.values().length];
            for (int i = 0; i < values.length; i++) {
                // a mean of values in [0, 1] stays there; the clamp only guards against rounding
                values[i] = (float) Math.min(1.0, Math.max(0.0, centre.values()[i]));
            }
            masks.add(values);
        }
        return PoseMaskBank.ofValues(size, masks, recipe(count, source));
    }

    private static int compareValues(double[] a, double[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static String checkSource(String source) {
        checkNotNull(source, "source");
        checkArgument(!source.isBlank() && source.chars().noneMatch(Character::isISOControl) && source.length() <= 300,
                "source '" + source + "' must be one non-empty line of at most 300 characters naming where the masks come from");
        return source.strip();
    }

    /** The version of commons-math3 in use, as its jar names it; part of the recipe because k-means++ seeding may change between releases. */
    static String commonsMathVersion() {
        String version = KMeansPlusPlusClusterer.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        Optional<String> fromModule = Optional.ofNullable(KMeansPlusPlusClusterer.class.getModule().getDescriptor())
                .flatMap(descriptor -> descriptor.rawVersion());
        return fromModule.orElse("(unknown version)");
    }

    private record Centre(double[] values, int members) {}

    @Override
    public String toString() {
        return "PoseBankBuilder[k=" + k + ", size=" + size + ", maxIterations=" + maxIterations + ", seed=" + seed + "]";
    }
}
