package io.deocc.cli;

import io.deocc.cli.Main.CliContext;
import java.text.DecimalFormat;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one progress bar of the CLI: count, rate and ETA on stderr. It is drawn only when stderr is a
 * terminal or the user asks with {@code --progress}, so logs and pipes stay clean; otherwise every
 * method does nothing. Safe to update from worker threads.
 */
final class Progress implements AutoCloseable {
    /** Fixed: asking the terminal for its width would start jline's native terminal support. */
    private static final int WIDTH = 100;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param total the number of steps, or 0 or less when unknown
     * @param unit what a step is, e.g. "samples"
     */
    static Progress start(CliContext context, boolean requested, String task, long total, String unit) {
        return start(context, requested, task, total, unit, 0);
    }

    /**
     * A bar that starts at {@code done} steps (e.g. a resumed run), so that its rate and ETA count only the
     * steps of this run.
     */
    static Progress start(CliContext context, boolean requested, String task, long total, String unit, long done) {
        boolean terminal = context.err() == System.err && System.console() != null;
        if (!requested && !terminal) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setInitialMax(total > 0 ? total : -1)
                .setUnit(" " + unit, 1)
                .showSpeed(new DecimalFormat("0.0"))
                .startsFrom(Math.max(0, done), Duration.ZERO)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(context.err(), WIDTH))
                .build());
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Moves to {@code done} steps; never backwards, since workers may report out of order. */
    synchronized void stepTo(long done) {
        if (bar != null && done > bar.getCurrent()) {
            bar.stepTo(done);
        }
    }

    /** Sets the total once it becomes known. */
    synchronized void total(long total) {
        if (bar != null && total > 0 && bar.getMax() != total) {
            bar.maxHint(total);
        }
    }

    /** A note after the counts, e.g. what runs once the counted work is done. */
    void note(String message) {
        if (bar != null) {
            // the bar draws the rate right before this text, without a space
            bar.setExtraMessage(" " + message);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
