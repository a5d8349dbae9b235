package io.deocc.bench;

import io.deocc.api.DeoccException;

/**
 * One point of a {@link Soak} time series: the process's memory and resources after {@code iteration}
 * pipeline runs.
 *
 * @param iteration runs completed so far (0: the pipeline is built, nothing has run yet)
 * @param elapsedSeconds seconds since the first run started (0 at iteration 0)
 * @param rssKiB resident memory of the process ({@code VmRSS} of /proc/self/status)
 * @param heapUsedBytes Java heap in use, read as it is (no GC is requested, so it saws up and down)
 * @param directBytes memory of the JVM's direct byte buffers (the {@code direct} buffer pool)
 * @param liveArrays NDArrays alive on every DJL manager of the process, the models' parameters included;
 *     -1 for an engine without DJL
 * @param threads live Java threads
 * @param openFiles open file descriptors of the process (entries of /proc/self/fd)
 */
public record SoakSample(long iteration, double elapsedSeconds, long rssKiB, long heapUsedBytes, long directBytes,
        int liveArrays, int threads, int openFiles) {
    /** Column names of {@link #row()}. */
    public static final String HEADER = String.join("\t", "iteration", "elapsedSeconds", "rssKiB", "heapUsedBytes",
            "directBytes", "liveArrays", "threads", "openFiles");

    /** Validates the values. */
    public SoakSample {
        DeoccException.checkArgument(iteration >= 0, "iteration " + iteration + " must not be negative");
        DeoccException.checkArgument(Double.isFinite(elapsedSeconds) && elapsedSeconds >= 0,
                "elapsed seconds " + elapsedSeconds + " must be a finite number of at least 0");
        DeoccException.checkArgument(rssKiB >= 0 && heapUsedBytes >= 0 && directBytes >= 0 && threads >= 0 && openFiles >= 0,
                "memory and counts must not be negative: rss " + rssKiB + ", heap " + heapUsedBytes + ", direct " + directBytes
                        + ", threads " + threads + ", open files " + openFiles);
        DeoccException.checkArgument(liveArrays >= -1, "live arrays " + liveArrays + " must be -1 (not measured) or a count");
    }

    /** The tab-separated row under {@link #HEADER}. */
    public String row() {
        return String.join("\t", Long.toString(iteration), String.format(java.util.Locale.ROOT, "%.3f", elapsedSeconds),
                Long.toString(rssKiB), Long.toString(heapUsedBytes), Long.toString(directBytes), Integer.toString(liveArrays),
                Integer.toString(threads), Integer.toString(openFiles));
    }

    /** Parses a row written by {@link #row()}. */
    public static SoakSample parse(String row) {
        DeoccException.checkNotNull(row, "row");
        String[] cells = row.split("\t", -1);
        DeoccException.checkArgument(cells.length == 8, "soak row '" + row + "' has " + cells.length
                + " columns instead of 8: give a row of a soak-<engine>.tsv file (" + HEADER.replace('\t', ' ') + ")");
        try {
            return new SoakSample(Long.parseLong(cells[0]), Double.parseDouble(cells[1]), Long.parseLong(cells[2]),
                    Long.parseLong(cells[3]), Long.parseLong(cells[4]), Integer.parseInt(cells[5]), Integer.parseInt(cells[6]),
                    Integer.parseInt(cells[7]));
        } catch (NumberFormatException e) {
            throw DeoccException.invalidArgument("soak row '" + row + "' holds a value that is not a number: give a row of a soak-<engine>.tsv file");
        }
    }
}
