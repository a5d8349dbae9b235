package io.deocc.engine.djl.internal;

import io.deocc.api.image.Box;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.testkit.SegmenterContract;
import java.util.List;
import java.util.Map;

/** The testkit's segmenter contract on {@code djl-segmenter} with the hand-set red detector. */
class DjlSegmenterContractTest extends SegmenterContract {
    @Override
    protected SegmenterFactory factory() {
        return new DjlSegmenterFactory();
    }

    @Override
    protected ComponentConfig config() {
        return ComponentConfig.of(Map.of(NetworkModels.MODEL_KEY, SegmenterModels.redDetector().toString(),
                EngineSettings.THREADS_KEY, "2"));
    }

    @Override
    protected SegmentationRequest validRequest() {
        // two people, so that ids 1..N are checked on more than one
        return SegmentationRequest.of(DjlSegmenterTest.image(96, 64,
                List.of(new Box(10, 8, 20, 40), new Box(50, 20, 30, 30)), 0xFF0000));
    }
}
