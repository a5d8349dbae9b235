package io.deocc.engine.onnx.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.model.ShippedModels;
import io.deocc.testkit.SegmenterContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's segmenter contract on the {@code onnx-yolo-segmenter} with the hand-built YOLO model. */
class YoloSegmenterContractTest extends SegmenterContract {
    @TempDir
    static Path dir;

    private static Path model;

    @Override
    protected SegmenterFactory factory() {
        return new YoloSegmenterFactory();
    }

    @Override
    protected synchronized ComponentConfig config() {
        if (model == null) {
            model = YoloTestModels.write(dir, "yolo-test.onnx", YoloTestModels.sceneModel());
        }
        return ComponentConfig.of(Map.of(ShippedModels.MODEL_KEY, model.toString(), SessionSettings.THREADS_KEY, "1"));
    }

    @Override
    protected SegmentationRequest validRequest() {
        return SegmentationRequest.of(YoloSegmenterTest.landscape());
    }
}
