package io.deocc.mask.coco;

import static io.deocc.api.DeoccException.checkNotNull;

/**
 * An entry of a COCO file's {@code categories} section.
 *
 * @param id the category id annotations refer to
 * @param name the category's name, e.g. {@code person}
 */
public record CocoCategory(long id, String name) {
    public CocoCategory {
        checkNotNull(name, "name");
    }
}
