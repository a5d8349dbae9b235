package io.deocc.mask.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.mask.coco.CocoRle;
import io.deocc.testkit.SegmenterContract;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/** The testkit's segmenter contract over a COCO file that annotates a synthetic scene's person as an RLE. */
class CocoJsonSegmenterContractTest extends SegmenterContract {
    private Path dir;
    private Path annotations;
    private SegmentationRequest request;

    @Override
    protected SegmenterFactory factory() {
        return new CocoJsonSegmenterFactory();
    }

    @Override
    protected synchronized ComponentConfig config() {
        writeFixtures();
        return ComponentConfig.of(Map.of("annotations", annotations.toString()));
    }

    @Override
    protected synchronized SegmentationRequest validRequest() {
        writeFixtures();
        return request;
    }

    private void writeFixtures() {
        if (request != null) {
            return;
        }
        Scene scene = SyntheticScenes.occludedPerson(11, 64, 48);
        String counts = CocoRle.encode(scene.visible()).toCompressedString().replace("\\", "\\\\");
        String json = """
                {"images": [{"id": 1, "file_name": "scenes/scene.png", "width": 64, "height": 48}],
                 "categories": [{"id": 1, "name": "person"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "iscrowd": 0,
                                  "segmentation": {"size": [48, 64], "counts": "%s"}}]}
                """.formatted(counts);
        try {
            dir = Files.createTempDirectory("coco-json-contract");
            annotations = dir.resolve("instances.json");
            Files.writeString(annotations, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        request = new SegmentationRequest(scene.image(), Optional.of("scene.png"), List.of());
    }

    @AfterAll
    synchronized void deleteFixtures() throws IOException {
        if (dir != null) {
            Files.deleteIfExists(annotations);
            Files.deleteIfExists(dir);
        }
    }
}
