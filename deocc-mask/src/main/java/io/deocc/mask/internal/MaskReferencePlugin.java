package io.deocc.mask.internal;

import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.SegmenterFactory;
import java.util.List;

/** The pure-Java stage 1 components: segmenters that read masks from files, the reference completer and the visible-only baseline. */
public final class MaskReferencePlugin implements DeoccPlugin {
    @Override
    public String name() {
        return "reference-mask";
    }

    @Override
    public List<SegmenterFactory> segmenters() {
        return List.of(new MaskFileSegmenterFactory(), new CocoJsonSegmenterFactory());
    }

    @Override
    public List<MaskCompleterFactory> maskCompleters() {
        return List.of(new ReferenceMaskCompleterFactory(), new VisibleOnlyMaskCompleterFactory());
    }
}
