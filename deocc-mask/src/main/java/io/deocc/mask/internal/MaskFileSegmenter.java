package io.deocc.mask.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.io.LabelImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads each request's mask files into people; holds no state besides its settings, so it is thread-safe. */
final class MaskFileSegmenter implements Segmenter {
    private static final Logger LOG = LoggerFactory.getLogger(MaskFileSegmenter.class);
    /** Label images are 8- or 16-bit; larger values mean a format this segmenter does not read. */
    private static final int MAX_LABEL = 0xFFFF;

    private final ComponentDescriptor descriptor;
    private final MaskFileFormat format;
    private final ResourceLimits limits;
    private final AtomicBoolean closed = new AtomicBoolean();

    MaskFileSegmenter(ComponentDescriptor descriptor, MaskFileFormat format, ResourceLimits limits) {
        this.descriptor = descriptor;
        this.format = format;
        this.limits = limits;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<PersonInstance> segment(SegmentationRequest request) {
        ComponentInputs.checkOpen(closed.get(), descriptor);
        checkNotNull(request, "request");
        List<Path> files = request.maskFiles();
        if (files.isEmpty()) {
            throw DeoccException.invalidArgument("segmenter '" + descriptor.name() + "' got no mask files: pass one mask PNG per person"
                    + " (or one label PNG with ids 1..N) with the image, or choose another segmenter");
        }
        RgbImage image = request.image();
        return switch (format) {
            case BINARY -> readBinaryMasks(files, image);
            case LABELS -> {
                Path file = singleFile(files);
                LabelImage labels = ImageFiles.readLabels(file, limits);
                checkSize(file, labels.width(), labels.height(), image);
                yield splitLabels(file, labels.width(), labels.height(), samplesOf(labels));
            }
            case AUTO -> files.size() > 1 ? readBinaryMasks(files, image) : readSingleFile(files.get(0), image);
        };
    }

    private Path singleFile(List<Path> files) {
        if (files.size() != 1) {
            throw DeoccException.invalidArgument("segmenter '" + descriptor.name() + "' with format 'labels' takes exactly one label image but got "
                    + files.size() + " files: pass one label PNG, or use format 'binary' for one mask per person");
        }
        return files.get(0);
    }

    private List<PersonInstance> readBinaryMasks(List<Path> files, RgbImage image) {
        checkPeopleCount(files.size(), files.size() + " mask files were given");
        List<PersonInstance> people = new ArrayList<>(files.size());
        for (Path file : files) {
            BinaryMask mask = ImageFiles.readMask(file, limits);
            checkSize(file, mask.width(), mask.height(), image);
            people.add(person(people.size() + 1, mask, file));
        }
        return List.copyOf(people);
    }

    /**
     * A single file in {@code auto} format. Single-channel images go through the label path, which
     * also covers the one-person case (one distinct non-zero value). Multi-channel images are binary
     * masks; they are decoded a second time by {@link ImageFiles#readMask} so that colour and alpha
     * are interpreted exactly as for several mask files.
     */
    private List<PersonInstance> readSingleFile(Path file, RgbImage image) {
        BufferedImage decoded = ImageFiles.decode(file, limits);
        checkSize(file, decoded.getWidth(), decoded.getHeight(), image);
        Raster raster = decoded.getRaster();
        if (raster.getNumBands() == 1) {
            int[] samples = raster.getSamples(0, 0, decoded.getWidth(), decoded.getHeight(), 0, (int[]) null);
            return splitLabels(file, decoded.getWidth(), decoded.getHeight(), samples);
        }
        return readBinaryMasks(List.of(file), image);
    }

    private List<PersonInstance> splitLabels(Path file, int width, int height, int[] samples) {
        int max = 0;
        for (int value : samples) {
            max = Math.max(max, value);
        }
        if (max > MAX_LABEL) {
            throw new DeoccException(ErrorCode.IMAGE_UNREADABLE, "label image '" + file + "' has the value " + max
                    + ": label ids go up to " + MAX_LABEL + "; save the ids as an 8- or 16-bit grey PNG");
        }
        boolean[] present = new boolean[max + 1];
        for (int value : samples) {
            present[value] = true;
        }
        List<Integer> labels = new ArrayList<>();
        for (int value = 1; value <= max; value++) {
            if (present[value]) {
                labels.add(value);
            }
        }
        if (labels.isEmpty()) {
            throw emptyMask(file);
        }
        checkPeopleCount(labels.size(), "label image '" + file + "' holds " + labels.size() + " different ids");
        if (labels.size() > 1 && labels.get(labels.size() - 1) != labels.size()) {
            LOG.debug("label image '{}' has ids {}; people are numbered 1..{} in ascending id order", file, labels, labels.size());
        }
        List<PersonInstance> people = new ArrayList<>(labels.size());
        for (int label : labels) {
            BinaryMask mask = BinaryMask.fromIndex(width, height, i -> samples[i] == label);
            people.add(person(people.size() + 1, mask, file));
        }
        return List.copyOf(people);
    }

    private static int[] samplesOf(LabelImage labels) {
        int width = labels.width();
        int[] samples = new int[width * labels.height()];
        for (int y = 0; y < labels.height(); y++) {
            for (int x = 0; x < width; x++) {
                samples[y * width + x] = labels.label(x, y);
            }
        }
        return samples;
    }

    private PersonInstance person(int id, BinaryMask mask, Path file) {
        if (mask.isEmpty()) {
            throw emptyMask(file);
        }
        if (mask.touchesBorder()) {
            // Legitimate: the person continues outside the photo. Worth knowing when a result looks cut off.
            LOG.debug("person {} from '{}' touches the image border; the person is truncated there", id, file);
        }
        return PersonInstance.of(id, mask);
    }

    private static DeoccException emptyMask(Path file) {
        return new DeoccException(ErrorCode.EMPTY_MASK, "mask '" + file + "' has no foreground (non-zero) pixel:"
                + " give a mask that marks the person, or leave the file out");
    }

    private static void checkSize(Path file, int width, int height, RgbImage image) {
        if (width != image.width() || height != image.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "mask '" + file + "' is " + width + "x" + height + " but the image is "
                    + image.width() + "x" + image.height() + ": give a mask of the image's size");
        }
    }

    private void checkPeopleCount(int count, String what) {
        if (count > limits.maxPeople()) {
            throw new DeoccException(ErrorCode.TOO_MANY_PEOPLE, what + ", more than the limit of " + limits.maxPeople()
                    + " people per image: pass fewer people or raise the limit (max-people)");
        }
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
