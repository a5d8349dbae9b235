package io.deocc.runtime.batch;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.ErrorCode;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What happened to one item.
 *
 * @param itemId the item's id
 * @param status how it ended
 * @param errorCode the error, present exactly when the item did not succeed
 * @param message the error's message, or empty
 * @param people people written for the item (0 unless it succeeded)
 * @param millis time spent on the item
 * @param outputs the item's files (paths relative to its folder, {@code /}-separated) and their
 *     SHA-256 in lower-case hex, sorted by path; empty unless it succeeded
 */
public record ItemOutcome(String itemId, ItemStatus status, Optional<ErrorCode> errorCode, String message, int people, long millis,
        Map<String, String> outputs) {
    public ItemOutcome {
        checkNotNull(itemId, "itemId");
        checkNotNull(status, "status");
        checkNotNull(errorCode, "errorCode");
        checkNotNull(message, "message");
        checkNotNull(outputs, "outputs");
        checkArgument(errorCode.isEmpty() == status.succeeded(), "item '" + itemId + "' is " + status
                + (errorCode.isPresent() ? " with" : " without") + " an error code: failed items need one, succeeded items have none");
        checkArgument(people >= 0 && millis >= 0, "people " + people + " and millis " + millis + " of item '" + itemId + "' must not be negative");
        outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
    }

    static ItemOutcome succeeded(String itemId, ItemStatus status, int people, long millis, Map<String, String> outputs) {
        return new ItemOutcome(itemId, status, Optional.empty(), "", people, millis, outputs);
    }

    static ItemOutcome failed(String itemId, ItemStatus status, ErrorCode code, String message, long millis) {
        return new ItemOutcome(itemId, status, Optional.of(code), message, 0, millis, Map.of());
    }
}
