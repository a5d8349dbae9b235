package io.deocc.synth;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * A timing harness, not a test: generates scenes of the rich defaults on 1 and 2 threads and
 * reports samples per second. Run from the repository root after {@code mvn -o test-compile -pl deocc-synth}:
 * <pre>
 * java -cp deocc-synth/target/classes:deocc-synth/target/test-classes:$HOME/.m2/repository/io/deocc/deocc-api/0.1.0-SNAPSHOT/deocc-api-0.1.0-SNAPSHOT.jar \
 *     io.deocc.synth.GenerationSpeed [size] [samples]
 * </pre>
 */
final class GenerationSpeed {
    private GenerationSpeed() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        SceneSettings settings = SceneSettings.defaults(size, size);
        run(settings, 1, samples / 4); // warm-up
        for (int threads : new int[] {1, 2}) {
            double perSecond = run(settings, threads, samples);
            System.out.printf("%dx%d, %d thread(s): %.0f samples/s%n", size, size, threads, perSecond);
        }
    }

    private static double run(SceneSettings settings, int threads, int samples) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    long sum = 0;
                    for (int seed = first; seed < samples; seed += threads) {
                        sum += SyntheticScenes.generate(seed, settings).visible().area();
                    }
                    return sum;
                }));
            }
            for (Future<Long> part : parts) {
                part.get();
            }
            return samples / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
