package io.deocc.api.spi;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.image.RgbImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a segmenter gets: the image, the name it was read from (segmenters that look up annotations
 * by file name use it), and mask files given with it (for segmenters that read masks from files).
 */
public record SegmentationRequest(RgbImage image, Optional<String> imageName, List<Path> maskFiles) {
    public SegmentationRequest {
        checkNotNull(image, "image");
        checkNotNull(imageName, "imageName");
        for (Path maskFile : checkNotNull(maskFiles, "maskFiles")) {
            checkNotNull(maskFile, "a mask file");
        }
        maskFiles = List.copyOf(maskFiles);
    }

    /** A request with the image alone. */
    public static SegmentationRequest of(RgbImage image) {
        return new SegmentationRequest(image, Optional.empty(), List.of());
    }
}
