package io.deocc.mask.internal;

import io.deocc.api.io.ImageFiles;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.testkit.SegmenterContract;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/** The testkit's segmenter contract, with a synthetic scene's visible mask as the request's mask file. */
class MaskFileSegmenterContractTest extends SegmenterContract {
    private Path dir;
    private SegmentationRequest request;

    @Override
    protected SegmenterFactory factory() {
        return new MaskFileSegmenterFactory();
    }

    /** Written once; the contract calls this from several threads. */
    @Override
    protected synchronized SegmentationRequest validRequest() {
        if (request == null) {
            Scene scene = SyntheticScenes.occludedPerson(7, 64, 64);
            try {
                dir = Files.createTempDirectory("mask-file-contract");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path mask = dir.resolve("person.png");
            ImageFiles.writePng(scene.visible(), mask);
            request = new SegmentationRequest(scene.image(), Optional.of("scene.png"), List.of(mask));
        }
        return request;
    }

    @AfterAll
    synchronized void deleteFixtures() throws IOException {
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("person.png"));
            Files.deleteIfExists(dir);
        }
    }
}
