package io.deocc.testkit;

import io.deocc.api.spi.DeoccPlugin;
import io.deocc.api.spi.SegmentationRequest;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.synth.SyntheticScenes;
import java.util.EnumSet;
import java.util.List;

/** A correct fake segmenter passes the whole segmenter contract. */
class FakeSegmenterContractTest extends SegmenterContract {
    @Override
    protected SegmenterFactory factory() {
        return new Fakes.BrightPixelSegmenterFactory(EnumSet.noneOf(Fakes.Flaw.class));
    }

    @Override
    protected SegmentationRequest validRequest() {
        return SegmentationRequest.of(SyntheticScenes.occludedPerson(11, 64, 64).image());
    }

    @Override
    Iterable<DeoccPlugin> discoverPlugins() {
        // a test-only provider cannot be declared in the main module descriptor
        return List.of(Fakes.plugin());
    }
}
