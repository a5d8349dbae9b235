package io.deocc.data;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes the parts of a dataset sample, stricter than the general image readers: a mask must be
 * binary (0 and one foreground level, e.g. 0/255), a parsing map single-channel with LIP labels.
 */
final class PartFiles {
    private PartFiles() {}

    static RgbImage readRgb(Path file, ResourceLimits limits) {
        return ImageFiles.readRgb(file, limits);
    }

    /**
     * A binary mask. Background is a pixel whose colour samples are all 0 (or whose alpha is 0);
     * every other pixel must carry the same value, the one foreground level.
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} for a mask with several foreground levels
     */
    static BinaryMask readMask(Path file, String relative, ResourceLimits limits) {
        BufferedImage image = ImageFiles.decode(file, limits);
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        int bands = raster.getNumBands();
        boolean hasAlpha = image.getColorModel().hasAlpha() && bands > 1;
        int colourBands = hasAlpha ? bands - 1 : bands;
        boolean[] bits = new boolean[width * height];
        int[] row = new int[width * bands];
        int[] foreground = null;
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            for (int x = 0; x < width; x++) {
                int base = x * bands;
                boolean colour = false;
                for (int b = 0; b < colourBands; b++) {
                    colour |= row[base + b] != 0;
                }
                if (!colour || (hasAlpha && row[base + bands - 1] == 0)) {
                    continue;
                }
                if (foreground == null) {
                    foreground = Arrays.copyOfRange(row, base, base + bands);
                } else if (!Arrays.equals(row, base, base + bands, foreground, 0, bands)) {
                    throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "mask '" + relative + "' is not binary: it holds the values 0, "
                            + show(foreground) + " and " + show(Arrays.copyOfRange(row, base, base + bands)) + " (the latter at pixel ("
                            + x + ", " + y + ")); save masks as grey PNGs with only 0 (background) and 255 (person), without anti-aliasing");
                }
                bits[y * width + x] = true;
            }
        }
        return BinaryMask.of(width, height, bits);
    }

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

    private static String show(int[] values) {
        return values.length == 1 ? Integer.toString(values[0]) : Arrays.toString(values);
    }
}
