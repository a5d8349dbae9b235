package io.deocc.engine.djl.internal;

/** The engine shared by the tests: two threads, as on the 2-core build machines. */
final class TestEngine {
    private TestEngine() {
    }

    static DjlEngine get() {
        return DjlEngine.load(new EngineSettings(2));
    }
}
