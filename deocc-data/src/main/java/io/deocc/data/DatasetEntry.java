package io.deocc.data;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import java.nio.file.Path;

/**
 * One manifest line of a dataset folder with its image and visible mask resolved and checked to lie
 * inside the folder (symbolic links included), without decoding either: for tools that hand the
 * files on, such as batch runs. {@link DatasetReader#entries()} gives them.
 *
 * @param id the sample's id, unique in the manifest
 * @param line the 1-based manifest line
 * @param image the photo
 * @param visible the person's visible mask
 */
public record DatasetEntry(String id, long line, Path image, Path visible) {
    public DatasetEntry {
        checkNotNull(id, "id");
        checkNotNull(image, "image");
        checkNotNull(visible, "visible");
        DeoccException.checkArgument(line >= 1, "line " + line + " must be at least 1");
    }

    /** A manifest line that became an entry, or why it could not. */
    public sealed interface Result permits Found, SampleResult.Skipped {}

    /** A usable line. */
    public record Found(DatasetEntry entry) implements Result {
        public Found {
            checkNotNull(entry, "entry");
        }
    }
}
