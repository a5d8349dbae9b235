package io.deocc.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.spi.ContentRecovererFactory;
import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.testkit.Fakes.Flaw;
import io.deocc.synth.Scene;
import io.deocc.synth.SyntheticScenes;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Each check of the contracts fails for a component with the defect it is meant to catch. */
class ContractsCatchFlawsTest {

    @Test
    void nullArgumentsGivingBareNullPointerExceptionsAreCaught() {
        assertCompleterCheckFails(Flaw.NO_NULL_CHECKS, MaskCompleterContract::nullImageIsRejected);
        assertCompleterCheckFails(Flaw.NO_NULL_CHECKS, MaskCompleterContract::nullPersonIsRejected);
        assertCompleterCheckFails(Flaw.NO_NULL_CHECKS, MaskCompleterContract::nullConfigIsRejected);
        assertCompleterCheckFails(Flaw.NO_NULL_CHECKS, MaskCompleterContract::nullContextIsRejected);
        assertRecovererCheckFails(Flaw.NO_NULL_CHECKS, ContentRecovererContract::nullMasksAreRejected);
        assertSegmenterCheckFails(Flaw.NO_NULL_CHECKS, SegmenterContract::nullRequestIsRejected);
    }

    @Test
    void lifecycleDefectsAreCaught() {
        assertCompleterCheckFails(Flaw.IGNORES_CLOSE, MaskCompleterContract::callAfterCloseFailsWithComponentClosed);
        assertRecovererCheckFails(Flaw.CLOSE_NOT_IDEMPOTENT, ContentRecovererContract::closeIsIdempotent);
    }

    @Test
    void acceptingUnknownSettingsIsCaught() {
        assertCompleterCheckFails(Flaw.ACCEPTS_UNKNOWN_SETTINGS, MaskCompleterContract::unknownConfigKeyIsRejected);
    }

    @Test
    void missingSizeChecksAreCaught() {
        assertCompleterCheckFails(Flaw.NO_SIZE_CHECK, MaskCompleterContract::personOfAnotherSizeIsRejected);
        assertRecovererCheckFails(Flaw.NO_SIZE_CHECK, ContentRecovererContract::personOfAnotherSizeIsRejected);
    }

    @Test
    void nonDeterminismIsCaught() {
        assertCompleterCheckFails(Flaw.NOT_DETERMINISTIC, MaskCompleterContract::sameInputGivesEqualOutput);
        assertRecovererCheckFails(Flaw.NOT_DETERMINISTIC, ContentRecovererContract::sameInputGivesEqualOutput);
        assertSegmenterCheckFails(Flaw.NOT_DETERMINISTIC, SegmenterContract::sameInputGivesEqualOutput);
    }

    @Test
    void aDescriptorNamingAnotherStageIsCaught() {
        assertCompleterCheckFails(Flaw.WRONG_STAGE, MaskCompleterContract::descriptorStageMatchesTheComponentKind);
        assertRecovererCheckFails(Flaw.WRONG_STAGE, ContentRecovererContract::createdComponentDescribesItselfLikeItsFactory);
    }

    @Test
    void recoverersThatTouchVisibleOrOutsidePixelsAreCaught() {
        assertRecovererCheckFails(Flaw.CHANGES_VISIBLE_PIXELS, ContentRecovererContract::compositeKeepsTheVisiblePixelsExactly);
        assertRecovererCheckFails(Flaw.CHANGES_VISIBLE_PIXELS, ContentRecovererContract::personLayerKeepsTheVisiblePixels);
        assertRecovererCheckFails(Flaw.OPAQUE_EVERYWHERE, ContentRecovererContract::personLayerIsOpaqueExactlyOnTheAmodalMask);
    }

    @Test
    void segmenterIdsNotStartingAtOneAreCaught() {
        assertSegmenterCheckFails(Flaw.IDS_FROM_TWO, SegmenterContract::peopleHaveTheImageSizeAndIdsOneToN);
    }

    @Test
    void aFactoryNoPluginListsIsCaught() {
        // the correct plugin lists a factory of the same class, but ServiceLoader finds nothing here
        MaskCompleterContract contract = new CompleterUnderTest(EnumSet.noneOf(Flaw.class), List.of());
        assertThrows(AssertionError.class, contract::factoryIsFoundByServiceLoader);
        MaskCompleterContract renamed = new CompleterUnderTest(EnumSet.noneOf(Flaw.class), List.of(Fakes.plugin())) {
            @Override
            protected MaskCompleterFactory factory() {
                return new Fakes.IdentityCompleterFactory(EnumSet.noneOf(Flaw.class), "fake-identity-other");
            }
        };
        assertThrows(AssertionError.class, renamed::factoryIsFoundByServiceLoader);
        new CompleterUnderTest(EnumSet.noneOf(Flaw.class), List.of(Fakes.plugin())).factoryIsFoundByServiceLoader();
    }

    @Test
    void theThreadSafetyCheckIsSkippedForComponentsThatAreNotThreadSafe() {
        MaskCompleterContract contract = new CompleterUnderTest(EnumSet.of(Flaw.NOT_THREAD_SAFE), List.of(Fakes.plugin()));
        try {
            assertThrows(TestAbortedException.class, contract::concurrentCallsMatchSequentialCalls);
        } finally {
            contract.closeSharedComponent();
        }
    }

    @Test
    void theCorrectFakesPassTheChecksCalledDirectly() {
        // guards the flaw tests above: they must fail because of the flaw, not because of the harness
        MaskCompleterContract completer = new CompleterUnderTest(EnumSet.noneOf(Flaw.class), List.of(Fakes.plugin()));
        try {
            completer.nullImageIsRejected();
            completer.personOfAnotherSizeIsRejected();
            completer.sameInputGivesEqualOutput();
            completer.callAfterCloseFailsWithComponentClosed();
        } finally {
            completer.closeSharedComponent();
        }
    }

    // ---- harness --------------------------------------------------------------------------------

    private static final List<Scene> SMALL_SCENES = SyntheticScenes.occludedPeople(99, 2, 64, 64);

    private static void assertCompleterCheckFails(Flaw flaw, Consumer<MaskCompleterContract> check) {
        assertCheckFails(new CompleterUnderTest(EnumSet.of(flaw), List.of(Fakes.plugin())), check, flaw);
    }

    private static void assertRecovererCheckFails(Flaw flaw, Consumer<ContentRecovererContract> check) {
        assertCheckFails(new RecovererUnderTest(EnumSet.of(flaw)), check, flaw);
    }

    private static void assertSegmenterCheckFails(Flaw flaw, Consumer<SegmenterContract> check) {
        assertCheckFails(new SegmenterUnderTest(EnumSet.of(flaw)), check, flaw);
    }

    private static <T extends ComponentContract<?>> void assertCheckFails(T contract, Consumer<T> check, Flaw flaw) {
        try {
            AssertionError error = assertThrows(AssertionError.class, () -> check.accept(contract),
                    "a contract check let a component with the flaw " + flaw + " pass");
            assertTrue(error.getMessage() != null && !error.getMessage().isBlank(), "the failure must explain itself");
        } finally {
            contract.closeSharedComponent();
        }
    }

    private static class CompleterUnderTest extends MaskCompleterContract {
        private final EnumSet<Flaw> flaws;
        private final List<DeoccPlugin> plugins;

        CompleterUnderTest(EnumSet<Flaw> flaws, List<DeoccPlugin> plugins) {
            this.flaws = flaws;
            this.plugins = plugins;
        }

        @Override
        protected MaskCompleterFactory factory() {
            return new Fakes.IdentityCompleterFactory(flaws);
        }

        @Override
        protected List<Scene> scenes() {
            return SMALL_SCENES;
        }

        @Override
        Iterable<DeoccPlugin> discoverPlugins() {
            return plugins;
        }
    }

    private static final class RecovererUnderTest extends ContentRecovererContract {
        private final EnumSet<Flaw> flaws;

        RecovererUnderTest(EnumSet<Flaw> flaws) {
            this.flaws = flaws;
        }

        @Override
        protected ContentRecovererFactory factory() {
            return new Fakes.FlatFillRecovererFactory(flaws);
        }

        @Override
        protected List<Scene> scenes() {
            return SMALL_SCENES;
        }
    }

    private static final class SegmenterUnderTest extends SegmenterContract {
        private final EnumSet<Flaw> flaws;

        SegmenterUnderTest(EnumSet<Flaw> flaws) {
            this.flaws = flaws;
        }

        @Override
        protected SegmenterFactory factory() {
            return new Fakes.BrightPixelSegmenterFactory(flaws);
        }

        @Override
        protected SegmentationRequest validRequest() {
            return SegmentationRequest.of(SMALL_SCENES.get(0).image());
        }
    }
}
