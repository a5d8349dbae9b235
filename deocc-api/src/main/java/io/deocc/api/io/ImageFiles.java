package io.deocc.api.io;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads images and masks (PNG, JPEG) with the size limit checked from the header before any pixel is
 * decoded, and writes PNGs atomically: a temporary file renamed into place, so a failure leaves the
 * old file or none, never half a file.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** Reads a PNG or JPEG as 8-bit RGB; alpha is dropped, 16-bit and palette images are converted. */
    public static RgbImage readRgb(Path file, ResourceLimits limits) {
        return RgbImage.fromBufferedImage(decode(file, limits));
    }

    /**
     * Reads a mask. A pixel is foreground when any colour sample is non-zero and, in images with an
     * alpha channel, its alpha is non-zero too. 1-, 8- and 16-bit grey, palette (the palette index
     * counts) and RGB(A) images are accepted.
     */
    public static BinaryMask readMask(Path file, ResourceLimits limits) {
        return mask(decode(file, limits), null);
    }

    /**
     * Reads a strictly binary mask, as ground truth must be: background pixels as in
     * {@link #readMask}, and every other pixel carrying one and the same foreground value (e.g. 0/255).
     *
     * @param name how messages call the file, e.g. its path inside a dataset
     * @throws DeoccException {@link ErrorCode#ANNOTATION_INVALID} for a mask with several foreground levels
     */
    public static BinaryMask readBinaryMask(Path file, String name, ResourceLimits limits) {
        checkNotNull(name, "name");
        return mask(decode(file, limits), name);
    }

    /** Foreground pixels of a decoded mask; with a {@code strictName}, all of them must hold one value. */
    private static BinaryMask mask(BufferedImage image, String strictName) {
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
                if (strictName != null) {
                    if (foreground == null) {
                        foreground = Arrays.copyOfRange(row, base, base + bands);
                    } else if (!Arrays.equals(row, base, base + bands, foreground, 0, bands)) {
                        throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "mask '" + strictName + "' is not binary: it holds the values 0, "
                                + show(foreground) + " and " + show(Arrays.copyOfRange(row, base, base + bands)) + " (the latter at pixel ("
                                + x + ", " + y + ")); save masks as grey PNGs with only 0 (background) and 255 (person), without anti-aliasing");
                    }
                }
                bits[y * width + x] = true;
            }
        }
        return BinaryMask.of(width, height, bits);
    }

    private static String show(int[] values) {
        return values.length == 1 ? Integer.toString(values[0]) : Arrays.toString(values);
    }

    /**
     * Reads a label image: an 8- or 16-bit grey or a palette PNG whose sample values are ids
     * (0 = background).
     */
    public static LabelImage readLabels(Path file, ResourceLimits limits) {
        BufferedImage image = decode(file, limits);
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1) {
            throw new DeoccException(ErrorCode.IMAGE_UNREADABLE, "label image '" + file + "' has " + raster.getNumBands()
                    + " channels: save the ids as a single-channel (grey or palette) PNG");
        }
        int[] labels = raster.getSamples(0, 0, image.getWidth(), image.getHeight(), 0, (int[]) null);
        return new LabelImage(image.getWidth(), image.getHeight(), labels);
    }

    /** Decodes a PNG or JPEG image, after checking its header against the limits; other formats are refused. */
    public static BufferedImage decode(Path file, ResourceLimits limits) {
        checkNotNull(file, "file");
        checkNotNull(limits, "limits");
        if (!Files.isRegularFile(file)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "image '" + file + "' does not exist or is not a file: check the path");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw unreadable(file, "it cannot be opened", null);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable(file, "it is not a PNG or JPEG image", null);
            }
            ImageReader reader = readers.next();
            try {
                // ImageIO also decodes BMP, GIF, TIFF and WBMP, whose readers trust header sizes (a 6-pixel BMP
                // can demand a 1.8 GB buffer): accept only the two formats deocc promises, and only their readers.
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw unreadable(file, "it is a " + format.toUpperCase(Locale.ROOT) + " image (deocc reads PNG and JPEG only; convert it)", null);
                }
                reader.setInput(in, true, true);
                // Truncated JPEGs decode "successfully" with a warning and grey filler: treat warnings as damage.
                reader.addIIOReadWarningListener((source, warning) -> {
                    throw new DeoccException(ErrorCode.IMAGE_UNREADABLE, "image '" + file + "' is damaged (" + warning + "): re-export the file");
                });
                limits.checkImageSize("image '" + file + "'", reader.getWidth(0), reader.getHeight(0));
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw unreadable(file, "it decodes to nothing", null);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (DeoccException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data as IOException or as assorted runtime exceptions.
            throw unreadable(file, "it is corrupt or truncated (" + e.getMessage() + ")", e);
        } catch (OutOfMemoryError e) {
            throw new DeoccException(ErrorCode.OUT_OF_MEMORY, "decoding image '" + file + "' ran out of memory: lower max-image-pixels or give the JVM more heap", e);
        }
    }

    public static void writePng(RgbImage image, Path file) {
        writePng(checkNotNull(image, "image").toBufferedImage(), file);
    }

    public static void writePng(RgbaImage image, Path file) {
        writePng(checkNotNull(image, "image").toBufferedImage(), file);
    }

    /** Writes the mask as an 8-bit grey PNG, 255 for foreground. */
    public static void writePng(BinaryMask mask, Path file) {
        writePng(checkNotNull(mask, "mask").toBufferedImage(), file);
    }

    /** Writes a PNG atomically; the parent folder is created when missing. */
    public static void writePng(BufferedImage image, Path file) {
        checkNotNull(image, "image");
        checkNotNull(file, "file");
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for image type " + image.getType());
            }
        });
    }

    private static DeoccException unreadable(Path file, String why, Throwable cause) {
        return new DeoccException(ErrorCode.IMAGE_UNREADABLE, "image '" + file + "' cannot be read: " + why + "; give a valid PNG or JPEG file", cause);
    }
}
