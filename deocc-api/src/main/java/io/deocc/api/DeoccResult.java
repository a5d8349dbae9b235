package io.deocc.api;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.RgbImage;
import java.util.List;

/**
 * The result for one image: one entry per person processed, and one per person that failed.
 */
public record DeoccResult(RgbImage image, List<PersonResult> people, List<PersonFailure> failures) {
    public DeoccResult {
        checkNotNull(image, "image");
        people = List.copyOf(checkNotNull(people, "people"));
        failures = List.copyOf(checkNotNull(failures, "failures"));
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }
}
