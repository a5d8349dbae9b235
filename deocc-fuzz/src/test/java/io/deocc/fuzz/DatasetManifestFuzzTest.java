package io.deocc.fuzz;

import static io.deocc.fuzz.Contract.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.data.DatasetReader;
import io.deocc.data.Sample;
import io.deocc.data.SampleResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Dataset manifests: the fuzz input is the whole {@code manifest.jsonl} of a small dataset folder
 * whose files are real, valid PNGs. Besides the usual contract, no sample may be loaded from
 * outside the folder: next to it lies a complete sample of a size no file inside has, reachable by
 * {@code ../}, by absolute paths and through symbolic links inside the folder; loading it is a
 * finding.
 */
class DatasetManifestFuzzTest {
    /** Size of every image inside the dataset folder. */
    static final int INSIDE = 4;
    /** Width of the images outside it; no inside file has it. */
    static final int OUTSIDE_WIDTH = 5;
    private static final Path DATASET = createFixture();

    @FuzzTest
    void manifest(byte[] data) {
        Contract.write(DATASET.resolve("manifest.jsonl"), data);
        DatasetReader reader = Contract.valueOrRefusal(() -> DatasetReader.open(DATASET, ImageFilesFuzzTest.LIMITS));
        if (reader == null) {
            throw new AssertionError("the fixture dataset could not be opened");
        }
        List<SampleResult> results;
        try (reader; Stream<SampleResult> stream = reader.stream()) {
            results = stream.toList();
        } catch (DeoccException e) {
            Contract.checkRefusal(e);
            return;
        }
        for (SampleResult result : results) {
            if (result instanceof SampleResult.Skipped skipped) {
                Contract.checkRefusal(skipped.error());
            } else if (result instanceof SampleResult.Loaded loaded) {
                Sample sample = loaded.sample();
                check(sample.image().width() != OUTSIDE_WIDTH, "sample '" + sample.id() + "' was loaded from outside the dataset folder");
                check(sample.image().width() == INSIDE && sample.image().height() == INSIDE, "unexpected sample size");
            }
        }
    }

    /**
     * {@code base/ds} is the dataset: image/a.png, visible/a.png, amodal/a.png, parsing/a.png,
     * original/a.png, occluder/a.png (all 4x4), plus links/image.png and linked/ pointing out;
     * {@code base/outside} holds image.png, visible.png and amodal.png at 5x3.
     */
    private static Path createFixture() {
        try {
            Path base = Contract.scratch("deocc-fuzz-dataset");
            Path ds = Files.createDirectories(base.resolve("ds"));
            Path outside = Files.createDirectories(base.resolve("outside"));
            BinaryMask person = BinaryMask.fromIndex(INSIDE, INSIDE, i -> i % INSIDE >= 1 && i % INSIDE <= 2);
            ImageFiles.writePng(RgbImage.filled(INSIDE, INSIDE, 0x336699), ds.resolve("image/a.png"));
            ImageFiles.writePng(person, ds.resolve("visible/a.png"));
            ImageFiles.writePng(person, ds.resolve("amodal/a.png"));
            ImageFiles.writePng(RgbImage.filled(INSIDE, INSIDE, 0x996633), ds.resolve("original/a.png"));
            ImageFiles.writePng(BinaryMask.fromIndex(INSIDE, INSIDE, i -> i < INSIDE), ds.resolve("occluder/a.png"));
            BufferedImage parsing = new BufferedImage(INSIDE, INSIDE, BufferedImage.TYPE_BYTE_GRAY);
            for (int i = 0; i < INSIDE * INSIDE; i++) {
                parsing.getRaster().setSample(i % INSIDE, i / INSIDE, 0, i % 20);
            }
            ImageFiles.writePng(parsing, ds.resolve("parsing/a.png"));
            BinaryMask outsidePerson = BinaryMask.fromIndex(OUTSIDE_WIDTH, 3, i -> true);
            ImageFiles.writePng(RgbImage.filled(OUTSIDE_WIDTH, 3, 0xff0000), outside.resolve("image.png"));
            ImageFiles.writePng(outsidePerson, outside.resolve("visible.png"));
            ImageFiles.writePng(outsidePerson, outside.resolve("amodal.png"));
            Files.createDirectories(ds.resolve("links"));
            for (String name : List.of("image.png", "visible.png", "amodal.png")) {
                Files.createSymbolicLink(ds.resolve("links").resolve(name), outside.resolve(name));
            }
            Files.createSymbolicLink(ds.resolve("linked"), outside);
            Files.writeString(ds.resolve("manifest.jsonl"), "");
            return ds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
