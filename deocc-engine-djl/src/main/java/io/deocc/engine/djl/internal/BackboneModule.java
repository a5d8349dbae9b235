package io.deocc.engine.djl.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.engine.djl.backbone.Backbones;

import java.util.Map;

/** Binds every backbone this engine offers under its name; a new backbone is one more line here. */
final class BackboneModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, Backbone> backbones = MapBinder.newMapBinder(binder(), String.class, Backbone.class);
        backbones.addBinding(UNetBackbone.NAME).to(UNetBackbone.class);
        backbones.addBinding(PConvUNetBackbone.NAME).to(PConvUNetBackbone.class);
        backbones.addBinding(ResNetUNetBackbone.NAME).to(ResNetUNetBackbone.class);
        backbones.addBinding(AutoencoderBackbone.AE_NAME).toInstance(AutoencoderBackbone.plain(AutoencoderBackbone.DEFAULT_LATENT_SIZE));
        backbones.addBinding(AutoencoderBackbone.VAE_NAME).toInstance(AutoencoderBackbone.variational(AutoencoderBackbone.DEFAULT_LATENT_SIZE));
    }

    // a provider method keeps Guice's annotations out of the exported registry class
    @Provides
    @Singleton
    Backbones backbones(Map<String, Backbone> byName) {
        return new Backbones(byName);
    }
}
