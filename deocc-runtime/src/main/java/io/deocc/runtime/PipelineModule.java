package io.deocc.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.deocc.api.spi.Component;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.Stage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes a pipeline: the registry and configuration select one factory per stage, the created
 * components are bound as singletons, and listeners join through a multibinder.
 */
final class PipelineModule extends AbstractModule {
    private static final Logger log = LoggerFactory.getLogger(PipelineModule.class);

    private final PluginRegistry registry;
    private final PipelineConfig config;
    private final List<PipelineListener> listeners;
    private final CreatedComponents created = new CreatedComponents();

    PipelineModule(PluginRegistry registry, PipelineConfig config, List<PipelineListener> listeners) {
        this.registry = registry;
        this.config = config;
        this.listeners = List.copyOf(listeners);
    }

    /** Every component created so far, so that a failed composition can close what it opened. */
    CreatedComponents created() {
        return created;
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        bind(PipelineConfig.class).toInstance(config);
        bind(PluginContext.class).toInstance(PluginContext.of(config.limits()));
        bind(CreatedComponents.class).toInstance(created);
        Multibinder<PipelineListener> binder = Multibinder.newSetBinder(binder(), PipelineListener.class);
        listeners.forEach(l -> binder.addBinding().toInstance(l));
    }

    @Provides
    @Singleton
    Segmenter segmenter(PluginContext context) {
        return SerializedComponents.guard(Segmenter.class, create(Stage.SEGMENTATION, Segmenter.class, context));
    }

    @Provides
    @Singleton
    MaskCompleter maskCompleter(PluginContext context) {
        return SerializedComponents.guard(MaskCompleter.class, create(Stage.MASK_COMPLETION, MaskCompleter.class, context));
    }

    @Provides
    @Singleton
    ContentRecoverer contentRecoverer(PluginContext context) {
        return SerializedComponents.guard(ContentRecoverer.class, create(Stage.CONTENT_RECOVERY, ContentRecoverer.class, context));
    }

    private <T extends Component> T create(Stage stage, Class<T> type, PluginContext context) {
        T component = registry.create(stage, type, config.selection(stage), context);
        created.add(component);
        return component;
    }

    /** Components in creation order; closed in reverse. */
    static final class CreatedComponents {
        private final Deque<Component> components = new ArrayDeque<>();

        synchronized void add(Component component) {
            components.push(component);
        }

        /** Closes every component, newest first, logging (not throwing) failures. */
        synchronized void closeAll() {
            while (!components.isEmpty()) {
                Component component = components.pop();
                try {
                    component.close();
                } catch (RuntimeException e) {
                    log.warn("closing component {} failed", component.descriptor().name(), e);
                }
            }
        }
    }
}
