package io.deocc.data;

import io.deocc.api.ResourceLimits;
import io.deocc.synth.OcclusionSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Entry points for reading datasets as lazy {@link SampleSource}s: the deocc layout
 * ({@link DatasetLayout}, {@code docs/DATASET.md}), COCO person annotations, folders of people with
 * whole-body masks, and the synthetic presets ({@link SynthSet#source()}).
 */
public final class Datasets {
    private Datasets() {}

    /**
     * Opens a dataset folder ({@value DatasetLayout#MANIFEST} + PNGs).
     *
     * @throws io.deocc.api.DeoccException {@code FILE_NOT_FOUND} when the folder or manifest is missing
     */
    public static SampleSource open(Path directory, ResourceLimits limits) {
        return DatasetReader.open(directory, limits);
    }

    /** The person instances of a COCO annotation file; see {@link CocoPersonSource}. */
    public static SampleSource coco(Path annotationFile, Path imagesDir, Optional<Path> amodalFile, ResourceLimits limits) {
        return CocoPersonSource.open(annotationFile, imagesDir, amodalFile, limits);
    }

    /** Photos with whole-person masks, occluded on the fly; see {@link FullMaskFolderReader}. */
    public static SampleSource fullMaskFolder(Path imagesDir, Path masksDir, long seed, OcclusionSettings settings, ResourceLimits limits) {
        return FullMaskFolderReader.open(imagesDir, masksDir, seed, settings, limits);
    }
}
