package io.deocc.api.model;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;

/** A person the pipeline could not process; the other people of the image are unaffected. */
public record PersonFailure(int personId, DeoccException error) {
    public PersonFailure {
        checkNotNull(error, "error");
    }
}
