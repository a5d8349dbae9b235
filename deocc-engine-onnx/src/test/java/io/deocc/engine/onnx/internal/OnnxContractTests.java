package io.deocc.engine.onnx.internal;

import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.image.RgbImage;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.model.ShippedModels;
import io.deocc.testkit.ContentRecovererContract;
import io.deocc.testkit.MaskCompleterContract;
import io.deocc.testkit.SegmenterContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The testkit's contracts on the three ONNX Runtime components, with tiny exported networks. */
class OnnxContractTests {
    static ComponentConfig config(Path card) {
        return ComponentConfig.of(Map.of(ShippedModels.MODEL_KEY, card.toString(), SessionSettings.THREADS_KEY, "2"));
    }

    @Nested
    class MaskCompleter extends MaskCompleterContract {
        @Override
        protected MaskCompleterFactory factory() {
            return new OnnxMaskCompleterFactory();
        }

        @Override
        protected ComponentConfig config() {
            return OnnxContractTests.config(OnnxTestModels.maskCard());
        }
    }

    @Nested
    class ContentRecoverer extends ContentRecovererContract {
        @Override
        protected ContentRecovererFactory factory() {
            return new OnnxContentRecovererFactory();
        }

        @Override
        protected ComponentConfig config() {
            return OnnxContractTests.config(OnnxTestModels.contentCard());
        }
    }

    @Nested
    class Segmenter extends SegmenterContract {
        @Override
        protected SegmenterFactory factory() {
            return new OnnxSegmenterFactory();
        }

        @Override
        protected ComponentConfig config() {
            return OnnxContractTests.config(OnnxTestModels.segmenterCard());
        }

        @Override
        protected SegmentationRequest validRequest() {
            int[] pixels = new int[96 * 64];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (i % 96) * 2 << 16 | (i / 96) * 3 << 8 | (i * 7) % 256;
            }
            return SegmentationRequest.of(RgbImage.of(96, 64, pixels));
        }
    }
}
