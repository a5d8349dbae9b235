package io.deocc.testkit;

import static io.deocc.testkit.DeoccAssertions.assertDeoccError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Component;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentFactory;
import io.deocc.api.spi.ComponentNames;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checks every component factory passes, whatever its stage. Extend one of
 * {@link SegmenterContract}, {@link MaskCompleterContract} or {@link ContentRecovererContract};
 * this class cannot be extended directly.
 *
 * <p>One test instance serves all tests of a class ({@link TestInstance.Lifecycle#PER_CLASS}), so
 * that one component (see {@link #sharedComponent()}) can serve the tests that only call it; it is
 * closed after the last test. Tests about creating and closing make their own instances.
 *
 * <p>A subclass may skip a check by overriding its method without {@code @Test}; say why there.
 *
 * @param <C> the component type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ComponentContract<C extends Component> {
    /** Threads used by the thread-safety check. */
    static final int THREADS = 8;
    /** How often each thread repeats every input in the thread-safety check: 8 threads x 2 rounds x every input. */
    static final int ROUNDS = 2;
    /** How long the thread-safety check waits for its threads, so that a deadlock fails instead of hanging. */
    private static final long CONCURRENCY_TIMEOUT_SECONDS = 120;

    private C shared;

    ComponentContract() {}

    /** The factory under test. */
    protected abstract ComponentFactory<C> factory();

    /** The settings the component is created with; empty unless overridden. */
    protected ComponentConfig config() {
        return ComponentConfig.empty();
    }

    /** The context the component is created with. */
    protected PluginContext context() {
        return PluginContext.defaults();
    }

    /** A component created with {@link #config()}, shared by the tests of this class and closed after them. */
    protected final synchronized C sharedComponent() {
        if (shared == null) {
            shared = createComponent();
        }
        return shared;
    }

    /** Closes {@link #sharedComponent()} once all tests have run. */
    @AfterAll
    public final synchronized void closeSharedComponent() {
        if (shared != null) {
            C component = shared;
            shared = null;
            component.close();
        }
    }

    // ---- hooks the three stage contracts fill in -------------------------------------------------

    /** The stage the factory's descriptor must name. */
    abstract Stage expectedStage();

    /** The list of {@code plugin} that holds factories of this kind. */
    abstract List<? extends ComponentFactory<?>> factoriesOf(DeoccPlugin plugin);

    /** How many distinct valid inputs {@link #call} knows; at least one. */
    abstract int inputCount();

    /** Calls the component once on valid input number {@code input}; the result is compared with {@code equals}. */
    abstract Object call(C component, int input);

    /** The plugins on the path; the testkit's own tests substitute fakes here. */
    Iterable<DeoccPlugin> discoverPlugins() {
        ClassLoader loader = factory().getClass().getClassLoader();
        return ServiceLoader.load(DeoccPlugin.class, loader != null ? loader : ClassLoader.getSystemClassLoader());
    }

    // ---- checks ---------------------------------------------------------------------------------

    @Test
    public void factoryIsFoundByServiceLoader() {
        ComponentFactory<C> factory = factory();
        List<String> seen = new ArrayList<>();
        Iterator<DeoccPlugin> plugins = discoverPlugins().iterator();
        while (true) {
            DeoccPlugin plugin;
            try {
                if (!plugins.hasNext()) {
                    break;
                }
                plugin = plugins.next();
            } catch (ServiceConfigurationError e) {
                throw new AssertionError("a DeoccPlugin on the path could not be loaded: " + e.getMessage()
                        + "; check its provides clause, META-INF/services entry and public no-argument constructor", e);
            }
            List<? extends ComponentFactory<?>> factories = factoriesOf(plugin);
            assertNotNull(factories, () -> "plugin " + plugin.getClass().getName() + " returned null instead of a list");
            for (ComponentFactory<?> candidate : factories) {
                seen.add(plugin.name() + "/" + candidate.name());
                if (candidate.getClass() == factory.getClass() && factory.name().equals(candidate.name())) {
                    ComponentNames.validate(plugin.name());
                    return;
                }
            }
        }
        fail("no DeoccPlugin found by ServiceLoader offers " + factory.getClass().getName() + " named '" + factory.name()
                + "' (found " + seen + "); declare the plugin with 'provides io.deocc.api.spi.DeoccPlugin with ...' in module-info.java"
                + " and in META-INF/services/io.deocc.api.spi.DeoccPlugin, and list the factory in its " + expectedStage() + " list");
    }

    @Test
    public void nameFollowsTheNamingRuleAndMatchesTheDescriptor() {
        ComponentFactory<C> factory = factory();
        String name = factory.name();
        assertEquals(name, ComponentNames.validate(name));
        ComponentDescriptor descriptor = factory.descriptor();
        assertNotNull(descriptor, "descriptor() returned null");
        assertEquals(name, descriptor.name(), "the descriptor must carry the factory's name");
        assertEquals(descriptor, factory.descriptor(), "descriptor() must describe the same component every time");
    }

    @Test
    public void descriptorStageMatchesTheComponentKind() {
        assertEquals(expectedStage(), factory().descriptor().stage());
    }

    @Test
    public void createdComponentDescribesItselfLikeItsFactory() {
        ComponentDescriptor described = sharedComponent().descriptor();
        assertNotNull(described, "the component's descriptor() returned null");
        assertEquals(factory().name(), described.name());
        assertEquals(expectedStage(), described.stage());
    }

    @Test
    public void closeIsIdempotent() {
        C component = createComponent();
        component.close();
        try {
            component.close();
        } catch (RuntimeException e) {
            throw new AssertionError("the second close() threw " + e + "; close() must be idempotent", e);
        }
    }

    @Test
    public void callAfterCloseFailsWithComponentClosed() {
        C component = createComponent();
        component.close();
        assertDeoccError(ErrorCode.COMPONENT_CLOSED, () -> call(component, 0), "a call after close()");
    }

    @Test
    public void unknownConfigKeyIsRejected() {
        Map<String, String> settings = new HashMap<>(config().asMap());
        settings.put("no-such-setting", "1");
        ComponentConfig withTypo = ComponentConfig.of(settings);
        assertDeoccError(ErrorCode.INVALID_CONFIG, () -> {
            C component = factory().create(withTypo, context());
            component.close(); // reached only when the factory wrongly accepted the key
        }, "create() with the unknown setting 'no-such-setting'");
    }

    @Test
    public void nullConfigIsRejected() {
        assertDeoccError(() -> closeIfCreated(factory().create(null, context())), "create(null config, context)");
    }

    @Test
    public void nullContextIsRejected() {
        assertDeoccError(() -> closeIfCreated(factory().create(config(), null)), "create(config, null context)");
    }

    @Test
    public void sameInputGivesEqualOutput() {
        C component = sharedComponent();
        for (int input = 0; input < inputCount(); input++) {
            Object first = call(component, input);
            Object second = call(component, input);
            assertEquals(first, second, "input " + input + " gave different outputs on two calls");
        }
    }

    @Test
    public void concurrentCallsMatchSequentialCalls() throws InterruptedException {
        C component = sharedComponent();
        Assumptions.assumeTrue(component.descriptor().threadSafe(),
                "the component says it is not thread-safe, so the runtime pools instances instead of sharing one");
        int inputs = inputCount();
        List<Object> expected = new ArrayList<>(inputs);
        for (int input = 0; input < inputs; input++) {
            expected.add(call(component, input));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<List<Object>>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t; // threads start at different inputs so that different calls overlap
                workers.add(() -> {
                    List<Object> outputs = new ArrayList<>();
                    for (int k = 0; k < ROUNDS * inputs; k++) {
                        outputs.add(call(component, (offset + k) % inputs));
                    }
                    return outputs;
                });
            }
            List<Future<List<Object>>> results = pool.invokeAll(workers, CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (int t = 0; t < THREADS; t++) {
                List<Object> outputs = outcome(results.get(t), t);
                for (int k = 0; k < outputs.size(); k++) {
                    int input = (t + k) % inputs;
                    assertEquals(expected.get(input), outputs.get(k),
                            "thread " + t + ", call " + k + " (input " + input + ") differs from the sequential output");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A fresh component made with {@link #config()} and {@link #context()}; the caller closes it. */
    final C createComponent() {
        C component = factory().create(config(), context());
        assertNotNull(component, "create() returned null");
        return component;
    }

    private static void closeIfCreated(Component component) {
        if (component != null) {
            component.close();
        }
    }

    private static List<Object> outcome(Future<List<Object>> result, int thread) throws InterruptedException {
        assertTrue(result.isDone() && !result.isCancelled(), "thread " + thread + " did not finish within "
                + CONCURRENCY_TIMEOUT_SECONDS + " s: a deadlock or a very slow component");
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new AssertionError("thread " + thread + " failed while others called the same instance: " + e.getCause(), e.getCause());
        }
    }
}
