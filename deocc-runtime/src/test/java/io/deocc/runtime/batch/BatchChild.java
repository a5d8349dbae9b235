package io.deocc.runtime.batch;

import io.deocc.runtime.DeoccPipeline;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The batch that {@link BatchKillTest} runs in a child JVM and kills: args are the input folder, the
 * output folder, the item count and how long each completer call sleeps, in milliseconds.
 */
public final class BatchChild {
    private BatchChild() {}

    public static void main(String[] args) {
        Path inputs = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        long sleepMillis = Long.parseLong(args[3]);
        try (DeoccPipeline pipeline = BatchFakes.pipeline(n -> { }, n -> BatchFakes.sleep(sleepMillis), Duration.ofMinutes(1))) {
            BatchRunner.create(pipeline, out, BatchFakes.WRITER, new BatchOptions(2, true)).run(BatchFakes.itemsIn(inputs, count));
        }
    }
}
