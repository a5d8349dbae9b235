package io.deocc.api.model;

import static io.deocc.api.DeoccException.checkNotNull;

/** Everything the pipeline produced for one person. */
public record PersonResult(PersonInstance person, MaskCompletion masks, ContentRecovery content) {
    public PersonResult {
        checkNotNull(person, "person");
        checkNotNull(masks, "masks");
        checkNotNull(content, "content");
    }
}
