package io.deocc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.io.ImageFiles;
import io.deocc.synth.OcclusionSettings;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullMaskFolderReaderTest {
    @TempDir
    Path tmp;

    private Scene a;
    private Scene b;

    @BeforeEach
    void writeFolder() throws IOException {
        a = SyntheticScenes.occludedPerson(11, 64, 96);
        b = SyntheticScenes.occludedPerson(12, 64, 96);
        ImageFiles.writePng(a.original(), tmp.resolve("images/a.png"));
        ImageFiles.writePng(a.amodal(), tmp.resolve("masks/a.png"));
        ImageFiles.writePng(b.original(), tmp.resolve("images/sub/b.png"));
        ImageFiles.writePng(b.amodal(), tmp.resolve("masks/sub/b.png"));
        ImageFiles.writePng(b.original(), tmp.resolve("images/c.png")); // no mask
        ImageFiles.writePng(b.original(), tmp.resolve("images/d.png"));
        int[] soft = new int[64 * 96];
        soft[10] = 255;
        soft[11] = 200;
        TestSamples.writeGrey(tmp.resolve("masks/d.png"), 64, 96, soft);
        Files.writeString(tmp.resolve("images/readme.txt"), "not an image");
    }

    private List<SampleResult> read(long seed) {
        try (SampleSource source = FullMaskFolderReader.open(tmp, seed, ResourceLimits.defaults())) {
            assertEquals(4, source.size().orElseThrow());
            return source.stream().toList();
        }
    }

    @Test
    void pairsImagesWithMasksByRelativePathAndOccludesThePerson() {
        List<SampleResult> results = read(5);
        assertEquals(List.of("a", "c", "d", "sub/b"), results.stream().map(r -> r instanceof SampleResult.Loaded l ? l.sample().id()
                : ((SampleResult.Skipped) r).itemId()).toList());
        Sample sample = assertInstanceOf(SampleResult.Loaded.class, results.get(0)).sample();
        assertEquals(a.amodal(), sample.amodal());
        assertEquals(a.original(), sample.original().orElseThrow());
        assertTrue(sample.visible().area() < sample.amodal().area(), "part of the person is hidden");
        int[] photo = a.original().toArray();
        int[] occluded = sample.image().toArray();
        var occluder = sample.occluder().orElseThrow();
        for (int i = 0; i < photo.length; i++) {
            if (!occluder.get(i)) {
                assertEquals(photo[i], occluded[i], "pixel " + i + " outside the occluder is the photo's");
            }
        }
        assertEquals(b.amodal(), assertInstanceOf(SampleResult.Loaded.class, results.get(3)).sample().amodal());
    }

    @Test
    void badPairsAreSkippedWithTheFileNamed() {
        List<SampleResult> results = read(5);
        SampleResult.Skipped noMask = assertInstanceOf(SampleResult.Skipped.class, results.get(1));
        assertEquals(ErrorCode.FILE_NOT_FOUND, noMask.error().errorCode());
        assertTrue(noMask.error().getMessage().contains("'c.png' does not exist"), noMask.error().getMessage());
        SampleResult.Skipped soft = assertInstanceOf(SampleResult.Skipped.class, results.get(2));
        assertTrue(soft.error().getMessage().contains("'d.png' is not binary"), soft.error().getMessage());
    }

    @Test
    void sameSeedSameOcclusionAndItemsDoNotDependOnEachOther() throws IOException {
        Sample first = ((SampleResult.Loaded) read(5).get(0)).sample();
        assertEquals(first, ((SampleResult.Loaded) read(5).get(0)).sample());
        Files.delete(tmp.resolve("images/c.png"));
        ImageFiles.writePng(b.original(), tmp.resolve("images/0-first.png"));
        ImageFiles.writePng(b.amodal(), tmp.resolve("masks/0-first.png"));
        try (SampleSource source = FullMaskFolderReader.open(tmp, 5, ResourceLimits.defaults())) {
            Sample again = source.stream().map(r -> r instanceof SampleResult.Loaded l ? l.sample() : null)
                    .filter(s -> s != null && s.id().equals("a")).findFirst().orElseThrow();
            assertEquals(first, again, "adding files does not change how 'a' is occluded");
        }
        FullMaskFolderReader reader = FullMaskFolderReader.open(tmp, 5, ResourceLimits.defaults());
        assertNotEquals(reader.itemSeed("a.png"), FullMaskFolderReader.open(tmp, 6, ResourceLimits.defaults()).itemSeed("a.png"));
    }

    @Test
    void missingOrEmptyFoldersFailAtOpen() throws IOException {
        DeoccException missing = assertThrows(DeoccException.class, () -> FullMaskFolderReader.open(tmp.resolve("none"), 1, ResourceLimits.defaults()));
        assertEquals(ErrorCode.FILE_NOT_FOUND, missing.errorCode());
        Files.createDirectories(tmp.resolve("empty/images"));
        Files.createDirectories(tmp.resolve("empty/masks"));
        DeoccException empty = assertThrows(DeoccException.class, () -> FullMaskFolderReader.open(tmp.resolve("empty"), 1, ResourceLimits.defaults()));
        assertTrue(empty.getMessage().contains("holds no .png, .jpg or .jpeg file"), empty.getMessage());
        assertThrows(DeoccException.class, () -> FullMaskFolderReader.open(tmp.resolve("images"), tmp.resolve("masks"), 1, null,
                ResourceLimits.defaults()));
        assertEquals("x/y.png", FullMaskFolderReader.maskNameFor("x/y.jpeg"));
        assertEquals(OcclusionSettings.defaults(), OcclusionSettings.defaults());
    }
}
