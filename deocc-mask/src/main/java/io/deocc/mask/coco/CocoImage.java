package io.deocc.mask.coco;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

/**
 * An entry of a COCO file's {@code images} section.
 *
 * @param id the image id annotations refer to
 * @param fileName the {@code file_name} as written, possibly with folders
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 */
public record CocoImage(long id, String fileName, int width, int height) {
    public CocoImage {
        checkNotNull(fileName, "fileName");
        checkArgument(width > 0 && height > 0, "COCO image " + id + " size " + width + "x" + height + " is empty: width and height must be at least 1");
    }

    /** The last path element of {@link #fileName()}, with either kind of separator. */
    public String baseName() {
        return CocoAnnotations.baseName(fileName);
    }
}
