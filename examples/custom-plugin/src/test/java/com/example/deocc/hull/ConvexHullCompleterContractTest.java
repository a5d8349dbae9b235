package com.example.deocc.hull;

import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.testkit.MaskCompleterContract;

/** The shared contract every mask completer passes, run against {@code convex-hull}. */
class ConvexHullCompleterContractTest extends MaskCompleterContract {
    @Override
    protected MaskCompleterFactory factory() {
        return new ConvexHullCompleterFactory();
    }
}
