package io.deocc.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

class DjlEngineTest {
    @Test
    void loadsLibtorchOfflineOnce() {
        DjlEngine engine = TestEngine.get();
        assertEquals("2.7.1", engine.libtorchVersion());
        assertEquals(DjlEngine.ENGINE_NAME, engine.engine().getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertSame(engine, DjlEngine.load(new EngineSettings(2)));
        // a later, different thread count does not reload the process-wide library
        assertSame(engine, DjlEngine.load(new EngineSettings(1)));
        assertEquals(2, engine.intraOpThreads());
    }

    @Test
    void computesOnTheCpu() {
        try (NDManager manager = TestEngine.get().newManager()) {
            NDArray sum = manager.create(new float[] {1, 2, 3}).sum();
            assertEquals(6f, sum.getFloat(), 0f);
        }
    }

    @Test
    void seedingRepeatsRandomNumbers() {
        DjlEngine engine = TestEngine.get();
        try (NDManager manager = engine.newManager()) {
            engine.seed(7);
            float[] first = manager.randomNormal(new ai.djl.ndarray.types.Shape(8)).toFloatArray();
            engine.seed(7);
            float[] second = manager.randomNormal(new ai.djl.ndarray.types.Shape(8)).toFloatArray();
            engine.seed(8);
            float[] third = manager.randomNormal(new ai.djl.ndarray.types.Shape(8)).toFloatArray();
            assertTrue(java.util.Arrays.equals(first, second));
            assertTrue(!java.util.Arrays.equals(first, third));
        }
    }

    @Test
    void settingsValidateThreads() {
        DeoccException zero = assertThrows(DeoccException.class, () -> new EngineSettings(0));
        assertEquals(ErrorCode.INVALID_ARGUMENT, zero.errorCode());
        assertTrue(zero.getMessage().contains("0"), zero.getMessage());
        assertEquals(3, EngineSettings.fromConfig(ComponentConfig.of(Map.of("threads", "3"))).intraOpThreads());
        assertThrows(DeoccException.class,
                () -> EngineSettings.fromConfig(ComponentConfig.of(Map.of("threads", "-1"))));
        assertTrue(EngineSettings.defaults().intraOpThreads() >= 1);
        assertThrows(DeoccException.class, () -> DjlEngine.load(null));
    }
}
