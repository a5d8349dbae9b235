package io.deocc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.Stage;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {
    private static final AtomicInteger CLOSES = new AtomicInteger();

    private static DeoccPlugin completers(String plugin, MaskCompleterFactory... factories) {
        return FakePlugins.plugin(plugin, List.of(), List.of(factories), List.of());
    }

    @Test
    void findsComponentsByStageAndName() {
        PluginRegistry registry = PluginRegistry.of(List.of(
                FakePlugins.plugin("one", List.of(FakePlugins.brightSegmenter("bright")),
                        List.of(FakePlugins.growDownCompleter("grow", 0, Set.of(), CLOSES)),
                        List.of(FakePlugins.whiteRecoverer("white", CLOSES)))));
        assertEquals("grow", registry.find(Stage.MASK_COMPLETION, "grow").name());
        assertEquals("one", registry.find(Stage.SEGMENTATION, "bright").plugin());
        assertEquals(1, registry.plugins().size());
        assertEquals(3, registry.plugins().get(0).components().size());
        assertTrue(registry.problems().isEmpty());
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        PluginRegistry registry = PluginRegistry.of(List.of(completers("one",
                FakePlugins.growDownCompleter("grow", 0, Set.of(), CLOSES), FakePlugins.growDownCompleter("hull", 0, Set.of(), CLOSES))));
        DeoccException e = assertThrows(DeoccException.class, () -> registry.find(Stage.MASK_COMPLETION, "grwo"));
        assertEquals(ErrorCode.UNKNOWN_COMPONENT, e.errorCode());
        assertTrue(e.getMessage().contains("'grwo'") && e.getMessage().contains("grow, hull"), e.getMessage());
    }

    @Test
    void defaultIsTheHighestPriorityThenTheFirstName() {
        PluginRegistry registry = PluginRegistry.of(List.of(completers("one",
                FakePlugins.growDownCompleter("b-low", 0, Set.of(), CLOSES),
                FakePlugins.growDownCompleter("z-high", 5, Set.of(), CLOSES),
                FakePlugins.growDownCompleter("a-high", 5, Set.of(), CLOSES))));
        assertEquals("a-high", registry.defaultFor(Stage.MASK_COMPLETION).name());
        DeoccException none = assertThrows(DeoccException.class, () -> registry.defaultFor(Stage.CONTENT_RECOVERY));
        assertEquals(ErrorCode.UNKNOWN_COMPONENT, none.errorCode());
    }

    @Test
    void twoPluginsClaimingOneNameAreRejectedNamingBoth() {
        DeoccException e = assertThrows(DeoccException.class, () -> PluginRegistry.of(List.of(
                completers("first", FakePlugins.growDownCompleter("grow", 0, Set.of(), CLOSES)),
                completers("second", FakePlugins.growDownCompleter("grow", 0, Set.of(), CLOSES)))));
        assertEquals(ErrorCode.DUPLICATE_COMPONENT, e.errorCode());
        assertTrue(e.getMessage().contains("'first'") && e.getMessage().contains("'second'") && e.getMessage().contains("module"),
                e.getMessage());
    }

    @Test
    void twoPluginsWithOneNameAreRejected() {
        DeoccException e = assertThrows(DeoccException.class, () -> PluginRegistry.of(List.of(
                completers("same", FakePlugins.growDownCompleter("a", 0, Set.of(), CLOSES)),
                completers("same", FakePlugins.growDownCompleter("b", 0, Set.of(), CLOSES)))));
        assertEquals(ErrorCode.DUPLICATE_COMPONENT, e.errorCode());
    }

    @Test
    void sameNameInDifferentStagesIsFine() {
        PluginRegistry registry = PluginRegistry.of(List.of(FakePlugins.plugin("one", List.of(),
                List.of(FakePlugins.growDownCompleter("reference", 0, Set.of(), CLOSES)),
                List.of(FakePlugins.whiteRecoverer("reference", CLOSES)))));
        assertEquals(1, registry.components(Stage.MASK_COMPLETION).size());
        assertEquals(1, registry.components(Stage.CONTENT_RECOVERY).size());
    }

    @Test
    void aBrokenProviderIsSkippedAndReported() {
        DeoccPlugin good = completers("good", FakePlugins.growDownCompleter("grow", 0, Set.of(), CLOSES));
        // ServiceLoader's iterator throws from next() for bad service files and from get() for bad constructors.
        Iterator<ServiceLoader.Provider<DeoccPlugin>> realistic = new Iterator<>() {
            private int step;

            @Override
            public boolean hasNext() {
                return step < 3;
            }

            @Override
            public ServiceLoader.Provider<DeoccPlugin> next() {
                return switch (step++) {
                    case 0 -> throw new ServiceConfigurationError("io.deocc.api.spi.DeoccPlugin: Provider com.acme.Missing not found");
                    case 1 -> provider(ThrowingPlugin.class, () -> {
                        throw new ServiceConfigurationError("Provider " + ThrowingPlugin.class.getName() + " could not be instantiated",
                                new IllegalStateException("boom in constructor"));
                    });
                    default -> provider(good.getClass(), () -> good);
                };
            }
        };
        PluginRegistry registry = PluginRegistry.fromProviders(realistic);
        assertEquals(List.of("good"), registry.plugins().stream().map(PluginRegistry.PluginInfo::name).toList());
        assertEquals(2, registry.problems().size());
        assertTrue(registry.problems().get(0).message().contains("com.acme.Missing"));
        assertEquals(ThrowingPlugin.class.getName(), registry.problems().get(1).provider());
        assertTrue(registry.problems().get(1).message().contains("boom in constructor"), registry.problems().get(1).message());

        DeoccException unhealthy = assertThrows(DeoccException.class, registry::checkHealthy);
        assertEquals(ErrorCode.PLUGIN_FAILURE, unhealthy.errorCode());
        assertTrue(unhealthy.getMessage().contains(ThrowingPlugin.class.getName()));

        DeoccException missing = assertThrows(DeoccException.class, () -> registry.find(Stage.MASK_COMPLETION, "other"));
        assertTrue(missing.getMessage().contains("failed to load"), "a missing name should mention failed plugins: " + missing.getMessage());
    }

    @Test
    void aPluginWhoseListsThrowIsSkipped() {
        DeoccPlugin bad = new DeoccPlugin() {
            @Override
            public String name() {
                return "bad";
            }

            @Override
            public List<MaskCompleterFactory> maskCompleters() {
                throw new IllegalStateException("cannot list");
            }
        };
        PluginRegistry registry = PluginRegistry.of(List.of(bad, completers("good", FakePlugins.growDownCompleter("grow", 0, Set.of(), CLOSES))));
        assertEquals(1, registry.plugins().size());
        assertEquals(1, registry.problems().size());
        assertTrue(registry.problems().get(0).message().contains("cannot list"));
    }

    @Test
    void aFactoryWithAnInconsistentDescriptorIsSkipped() {
        MaskCompleterFactory liar = FakePlugins.growDownCompleter("grow", 0, Set.of(), CLOSES);
        MaskCompleterFactory wrapped = new MaskCompleterFactory() {
            @Override
            public String name() {
                return "not-grow";
            }

            @Override
            public io.deocc.api.spi.ComponentDescriptor descriptor() {
                return liar.descriptor();
            }

            @Override
            public io.deocc.api.spi.MaskCompleter create(io.deocc.api.spi.ComponentConfig config, io.deocc.api.spi.PluginContext context) {
                return liar.create(config, context);
            }
        };
        PluginRegistry registry = PluginRegistry.of(List.of(completers("liar", wrapped)));
        assertTrue(registry.plugins().isEmpty());
        assertTrue(registry.problems().get(0).message().contains("inconsistent descriptor"));
    }

    @Test
    void invalidPluginNamesAreReported() {
        PluginRegistry registry = PluginRegistry.of(List.of(completers("Bad Name", FakePlugins.growDownCompleter("grow", 0, Set.of(), CLOSES))));
        assertTrue(registry.plugins().isEmpty());
        assertTrue(registry.problems().get(0).message().contains("Bad Name"));
    }

    static final class ThrowingPlugin implements DeoccPlugin {
        @Override
        public String name() {
            return "throwing";
        }
    }

    private static ServiceLoader.Provider<DeoccPlugin> provider(Class<?> type, Supplier<DeoccPlugin> get) {
        return new ServiceLoader.Provider<>() {
            @Override
            @SuppressWarnings("unchecked")
            public Class<? extends DeoccPlugin> type() {
                return (Class<? extends DeoccPlugin>) type;
            }

            @Override
            public DeoccPlugin get() {
                return get.get();
            }
        };
    }
}
