package io.deocc.engine.onnx.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.network.PersonCrop;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import java.util.List;

/**
 * The {@code onnx-yolo-segmenter}: a YOLO-style instance segmentation network run by ONNX Runtime on the
 * letterboxed image, its outputs decoded into people by {@link YoloDecoder}. Thread-safe: the session
 * runs concurrent calls and the decoder is immutable.
 */
final class YoloSegmenter extends OnnxComponent implements Segmenter {
    private final YoloDecoder decoder;

    YoloSegmenter(ComponentDescriptor descriptor, ResourceLimits limits, OnnxSession session, YoloDecoder decoder) {
        super(descriptor, limits, session);
        this.decoder = decoder;
    }

    @Override
    public List<PersonInstance> segment(SegmentationRequest request) {
        return whileOpen(() -> {
            checkNotNull(request, "request");
            RgbImage image = request.image();
            limits().checkImageSize("image", image.width(), image.height());
            // before any buffer or tensor of the letterbox exists
            PersonCrop letterbox = decoder.letterbox(image.width(), image.height())
                    .checkWithin(limits(), "the " + descriptor().name() + " letterbox of the whole image");
            return decoder.people(session().apply(List.of(decoder.input(image, letterbox))), letterbox);
        });
    }
}
