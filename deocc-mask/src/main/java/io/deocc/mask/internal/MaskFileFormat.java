package io.deocc.mask.internal;

import java.util.Locale;

/** How the {@code mask-file} segmenter reads the files given with a request. */
enum MaskFileFormat {
    /**
     * Several files are binary masks. A single single-channel file with two or more different
     * non-zero values is a label image; any other single file is one person's binary mask
     * (a 0/255 mask has one non-zero value, so it is not mistaken for labels).
     */
    AUTO,
    /** Each file is one person; any non-zero pixel is foreground. */
    BINARY,
    /** Exactly one single-channel file; each distinct non-zero value is one person, in ascending order. */
    LABELS;

    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
