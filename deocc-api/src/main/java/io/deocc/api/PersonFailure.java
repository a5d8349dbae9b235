package io.deocc.api;

import static io.deocc.api.DeoccException.checkNotNull;

/** A person the pipeline could not process; the other people of the image are unaffected. */
public record PersonFailure(int personId, DeoccException error) {
    public PersonFailure {
        checkNotNull(error, "error");
    }
}
