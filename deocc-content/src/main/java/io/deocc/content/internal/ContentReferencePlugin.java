package io.deocc.content.internal;

import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.DeoccPlugin;
import java.util.List;

/** The pure-Java stage 2 components: exemplar-based inpainting from the person's own visible pixels, and the mean-colour baseline. */
public final class ContentReferencePlugin implements DeoccPlugin {
    @Override
    public String name() {
        return "reference-content";
    }

    @Override
    public List<ContentRecovererFactory> contentRecoverers() {
        return List.of(new ReferenceContentRecovererFactory(), new MeanColourContentRecovererFactory());
    }
}
