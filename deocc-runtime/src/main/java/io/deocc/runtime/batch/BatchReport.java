package io.deocc.runtime.batch;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a batch: one {@link ItemOutcome} per item, in the order the items were given.
 * The runner also writes it as {@value #JSON_FILE} and {@value #CSV_FILE} in the output folder.
 *
 * @param outputDirectory the batch's output folder
 * @param items every item's outcome, in input order
 * @param millis wall time of the whole batch
 * @param configChecksum SHA-256 of the pipeline configuration and writer format the items were checked against
 * @param reportProblem why the report files could not be written, when they could not
 */
public record BatchReport(Path outputDirectory, List<ItemOutcome> items, long millis, String configChecksum,
        Optional<String> reportProblem) {
    public static final String JSON_FILE = "report.json";
    public static final String CSV_FILE = "report.csv";

    public BatchReport {
        checkNotNull(outputDirectory, "outputDirectory");
        checkNotNull(items, "items");
        for (ItemOutcome item : items) {
            checkNotNull(item, "an item outcome");
        }
        items = List.copyOf(items);
        checkArgument(millis >= 0, "millis " + millis + " must not be negative");
        checkNotNull(configChecksum, "configChecksum");
        checkNotNull(reportProblem, "reportProblem");
    }

    /** Items with this status. */
    public long count(ItemStatus status) {
        checkNotNull(status, "status");
        return items.stream().filter(item -> item.status() == status).count();
    }

    /** Items that did not succeed: failed, timed out or not run. */
    public long unsuccessful() {
        return items.stream().filter(item -> !item.status().succeeded()).count();
    }

    /** Whether every item is done, now or before. */
    public boolean succeeded() {
        return unsuccessful() == 0;
    }

    /** Items processed now (done, failed or timed out, not skipped) per second of the batch. */
    public double itemsPerSecond() {
        long processed = items.stream().filter(item -> item.status() != ItemStatus.SKIPPED_DONE_BEFORE && item.status() != ItemStatus.NOT_RUN).count();
        return millis == 0 ? 0 : processed * 1000.0 / millis;
    }

    public Path jsonFile() {
        return outputDirectory.resolve(JSON_FILE);
    }

    public Path csvFile() {
        return outputDirectory.resolve(CSV_FILE);
    }
}
