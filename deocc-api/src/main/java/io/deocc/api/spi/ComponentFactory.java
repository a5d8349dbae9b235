package io.deocc.api.spi;

/**
 * Creates one kind of component. Factories are cheap to construct: models and native libraries
 * load in {@link #create}, never in a constructor or a static initialiser.
 *
 * @param <T> the component type
 */
public interface ComponentFactory<T extends Component> {
    /** The unique, lowercase, hyphenated name users select the component by. */
    String name();

    /** What {@link #create} returns, described without creating it. */
    ComponentDescriptor descriptor();

    /**
     * Creates a component.
     *
     * @throws io.deocc.api.DeoccException with {@code INVALID_CONFIG} for unknown or bad settings,
     *     {@code MODEL_INVALID} or {@code NATIVE_LIBRARY} when something it loads is missing or wrong
     */
    T create(ComponentConfig config, PluginContext context);

    /**
     * How strongly this component should be chosen when a pipeline names none for its stage: the
     * highest wins. Pure-Java reference components use 0; components backed by trained networks
     * return more once they beat them, so installing an engine upgrades the default pipeline. A
     * negative value keeps the component out of default pipelines — for components that cannot run
     * with empty settings (e.g. their model file is missing) or do not yet beat the reference: they
     * run when a pipeline names them.
     */
    default int defaultPriority() {
        return 0;
    }
}
