package io.deocc.runtime;

import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.Segmenter;
import java.util.List;

/**
 * Wraps components that say they are not thread-safe so that a shared pipeline calls them one at a
 * time. Thread-safe components are returned as they are.
 */
final class SerializedComponents {
    private SerializedComponents() {}

    static Segmenter guard(Segmenter delegate) {
        if (delegate.descriptor().threadSafe()) {
            return delegate;
        }
        return new Segmenter() {
            @Override
            public synchronized List<PersonInstance> segment(SegmentationRequest request) {
                return delegate.segment(request);
            }

            @Override
            public ComponentDescriptor descriptor() {
                return delegate.descriptor();
            }

            @Override
            public synchronized void close() {
                delegate.close();
            }
        };
    }

    static MaskCompleter guard(MaskCompleter delegate) {
        if (delegate.descriptor().threadSafe()) {
            return delegate;
        }
        return new MaskCompleter() {
            @Override
            public synchronized MaskCompletion complete(RgbImage image, PersonInstance person) {
                return delegate.complete(image, person);
            }

            @Override
            public ComponentDescriptor descriptor() {
                return delegate.descriptor();
            }

            @Override
            public synchronized void close() {
                delegate.close();
            }
        };
    }

    static ContentRecoverer guard(ContentRecoverer delegate) {
        if (delegate.descriptor().threadSafe()) {
            return delegate;
        }
        return new ContentRecoverer() {
            @Override
            public synchronized ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks) {
                return delegate.recover(image, person, masks);
            }

            @Override
            public ComponentDescriptor descriptor() {
                return delegate.descriptor();
            }

            @Override
            public synchronized void close() {
                delegate.close();
            }
        };
    }
}
