package io.deocc.engine.djl.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.engine.djl.backbone.Backbones;

import java.util.Map;

/**
 * Binds every backbone this engine offers under its name; a new backbone is one more line here.
 * Backbones are stateless, so they are bound as instances: Guice then generates no constructor
 * accessors, which on the module path would live outside this module and could not reach it.
 */
final class BackboneModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, Backbone> backbones = MapBinder.newMapBinder(binder(), String.class, Backbone.class);
        backbones.addBinding(UNetBackbone.NAME).toInstance(new UNetBackbone());
        backbones.addBinding(PConvUNetBackbone.NAME).toInstance(PConvUNetBackbone.plain());
        backbones.addBinding(PConvUNetBackbone.PGA_NAME).toInstance(PConvUNetBackbone.withAttention());
        backbones.addBinding(StackedMaskBackbone.NAME).toInstance(StackedMaskBackbone.guided());
        backbones.addBinding(StackedMaskBackbone.PLAIN_NAME).toInstance(StackedMaskBackbone.plain());
        backbones.addBinding(ResNetUNetBackbone.NAME).toInstance(new ResNetUNetBackbone());
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
