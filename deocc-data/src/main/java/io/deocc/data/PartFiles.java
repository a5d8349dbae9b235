package io.deocc.data;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.io.ImageFiles;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;

/**
 * Decodes a dataset sample's parsing maps, stricter than the general label reader: single-channel
 * with LIP labels only. (Masks: {@link ImageFiles#readBinaryMask}; images: {@link ImageFiles#readRgb}.)
 */
final class PartFiles {
    private PartFiles() {}

    /**
     * A parsing map: a single-channel PNG whose values are LIP labels 0..19.
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} for several channels or a value over 19
     */
    static ParsingMap readParsing(Path file, String relative, ResourceLimits limits) {
        BufferedImage image = ImageFiles.decode(file, limits);
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1) {
            throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "parsing map '" + relative + "' has " + raster.getNumBands()
                    + " channels: save LIP labels 0.." + (LipClass.COUNT - 1) + " as a single-channel grey PNG");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        byte[] labels = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            int label = samples[i];
            if (label < 0 || label >= LipClass.COUNT) {
                throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "parsing map '" + relative + "' has the value " + label
                        + " at pixel (" + i % width + ", " + i / width + "), which is not a LIP label: use 0 (background) to "
                        + (LipClass.COUNT - 1) + " as raw grey values, not a colour-coded visualisation");
            }
            labels[i] = (byte) label;
        }
        return ParsingMap.of(width, height, labels);
    }
}
