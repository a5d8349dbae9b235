package io.deocc.engine.onnx.internal;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.deocc.content.network.ContentTensors;
import io.deocc.mask.network.MaskNetwork;
import java.util.List;

/**
 * Binds each backbone {@code deocc export} writes to the graph layout it gives it (the names are the
 * DJL engine's {@code OnnxExport} contract): the registry by which the ONNX components take any exported
 * backbone by the name its card gives.
 */
final class LayoutModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, ExportedLayout> layouts = MapBinder.newMapBinder(binder(), String.class, ExportedLayout.class);
        ExportedLayout single = new ExportedLayout(spec -> List.of(ExportedLayout.image(spec)),
                spec -> List.of(ExportedLayout.output(spec)));
        for (String name : List.of("unet", "resnet-unet", "ae", "pconv-unet")) {
            layouts.addBinding(name).toInstance(single);
        }
        layouts.addBinding("vae").toInstance(new ExportedLayout(spec -> List.of(ExportedLayout.image(spec)),
                spec -> List.of(ExportedLayout.output(spec), new Port("latent_mean", Port.ANY_CHANNELS),
                        new Port("latent_log_variance", Port.ANY_CHANNELS))));
        layouts.addBinding("stacked-unet").toInstance(new ExportedLayout(spec -> List.of(ExportedLayout.image(spec)),
                spec -> List.of(new Port("visible_parsing", MaskNetwork.PARSING_CLASSES),
                        new Port("refined_visible", MaskNetwork.MASK_CLASSES),
                        new Port("amodal_parsing", MaskNetwork.PARSING_CLASSES), new Port("amodal", MaskNetwork.MASK_CLASSES))));
        layouts.addBinding("stacked-unet-plain").toInstance(new ExportedLayout(spec -> List.of(ExportedLayout.image(spec)),
                spec -> List.of(new Port("refined_visible", MaskNetwork.MASK_CLASSES),
                        new Port("amodal", MaskNetwork.MASK_CLASSES))));
        layouts.addBinding("pconv-pga").toInstance(new ExportedLayout(
                spec -> List.of(ExportedLayout.image(spec), new Port("visible_parsing", ContentTensors.PARTS),
                        new Port("amodal_parsing", ContentTensors.PARTS)),
                spec -> List.of(ExportedLayout.output(spec))));
    }
}
