package io.deocc.api.model;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.RgbImage;
import java.util.List;

/**
 * The result for one image: one entry per person processed, and one per person that failed.
 */
public record DeoccResult(RgbImage image, List<PersonResult> people, List<PersonFailure> failures) {
    public DeoccResult {
        checkNotNull(image, "image");
        people = copyWithoutNulls(people, "people");
        failures = copyWithoutNulls(failures, "failures");
    }

    private static <T> List<T> copyWithoutNulls(List<T> list, String name) {
        checkNotNull(list, name);
        for (T element : list) {
            checkNotNull(element, "an element of " + name);
        }
        return List.copyOf(list);
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }
}
