package io.deocc.data.eval;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.content.metrics.ContentMetricsSummary;
import io.deocc.mask.metrics.MaskMetricsSummary;
import java.util.List;
import java.util.Optional;

/**
 * The result of an {@link Evaluation}: the paper's metrics over the scored items, one row per scored
 * item, the skipped items with their reasons, and the best and worst cases. Immutable.
 *
 * <p>Best and worst are ranked by amodal IoU when the mask stage ran, else by L1 (lower is better);
 * ties go to the earlier item. With fewer than twice {@code k} items the two lists may share items.
 *
 * @param dataset what was read, e.g. the dataset folder
 * @param completer the mask completer's name, when the mask stage ran
 * @param recoverer the content recoverer's name, when the content stage ran
 * @param contentMasks which masks the recoverer was given
 * @param itemsRead items taken from the dataset (scored plus skipped)
 * @param mask the mask metrics, when the mask stage ran
 * @param content the content metrics, when the content stage ran
 * @param rows the scored items, in dataset order
 * @param skipped the skipped items, in dataset order
 * @param best the best cases, best first
 * @param worst the worst cases, worst first
 * @param elapsedMillis wall time of the whole evaluation
 */
public record EvaluationReport(String dataset, Optional<String> completer, Optional<String> recoverer, ContentMasks contentMasks,
        long itemsRead, Optional<MaskMetricsSummary> mask, Optional<ContentMetricsSummary> content, List<ItemRow> rows,
        List<SkippedItem> skipped, List<CaseView> best, List<CaseView> worst, long elapsedMillis) {
    public EvaluationReport {
        checkNotNull(dataset, "dataset");
        checkNotNull(completer, "completer");
        checkNotNull(recoverer, "recoverer");
        checkNotNull(contentMasks, "contentMasks");
        checkNotNull(mask, "mask");
        checkNotNull(content, "content");
        rows = List.copyOf(checkNotNull(rows, "rows"));
        skipped = List.copyOf(checkNotNull(skipped, "skipped"));
        best = List.copyOf(checkNotNull(best, "best"));
        worst = List.copyOf(checkNotNull(worst, "worst"));
        checkArgument(itemsRead == rows.size() + (long) skipped.size(), "items read (" + itemsRead + ") must equal scored rows ("
                + rows.size() + ") plus skipped items (" + skipped.size() + ")");
        checkArgument(completer.isPresent() == mask.isPresent(), "the mask metrics are present exactly when a completer ran");
        checkArgument(recoverer.isPresent() == content.isPresent(), "the content metrics are present exactly when a recoverer ran");
        checkArgument(elapsedMillis >= 0, "elapsed time " + elapsedMillis + " ms is negative");
    }

    /** What the best and worst cases are ranked by. */
    public String rankedBy() {
        return mask.isPresent() ? "amodal IoU" : "L1";
    }

    /** Number of items scored. */
    public long scoredCount() {
        return rows.size();
    }

    /** Number of items skipped, for any reason. */
    public long skippedCount() {
        return skipped.size();
    }
}
