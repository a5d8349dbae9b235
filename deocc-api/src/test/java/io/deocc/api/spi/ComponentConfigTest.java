package io.deocc.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ComponentConfigTest {
    private static final ComponentConfig CONFIG = ComponentConfig.of(Map.of(
            "iterations", "3", "padded", " 7 ", "scale", "1.5", "blend", "TRUE", "name", "unet", "bad-int", "three",
            "bad-bool", "yes"));

    @Test
    void missingKeysGiveTheDefault() {
        ComponentConfig empty = ComponentConfig.empty();
        assertEquals(5, empty.getInt("x", 5, 0, 10));
        assertEquals(0.25, empty.getDouble("x", 0.25, 0, 1));
        assertTrue(empty.getBoolean("x", true));
        assertEquals("d", empty.getString("x", "d"));
        assertEquals(Optional.empty(), empty.get("x"));
        assertTrue(empty.keys().isEmpty());
    }

    @Test
    void typedGettersParse() {
        assertEquals(3, CONFIG.getInt("iterations", 1, 1, 10));
        assertEquals(7, CONFIG.getInt("padded", 1, 1, 10), "surrounding blanks are ignored");
        assertEquals(1.5, CONFIG.getDouble("scale", 1.0, 1.0, 2.0));
        assertTrue(CONFIG.getBoolean("blend", false), "booleans ignore case");
        assertEquals("unet", CONFIG.getString("name", "x"));
        assertEquals(Optional.of("unet"), CONFIG.get("name"));
    }

    @Test
    void boundsAreInclusive() {
        assertEquals(3, CONFIG.getInt("iterations", 1, 3, 3));
        assertEquals(1.5, CONFIG.getDouble("scale", 1, 1.5, 1.5));
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        assertInvalid(() -> CONFIG.getInt("bad-int", 1, 0, 10), "bad-int", "three");
        assertInvalid(() -> CONFIG.getInt("iterations", 1, 4, 10), "iterations", "3");
        assertInvalid(() -> CONFIG.getInt("iterations", 1, 0, 2), "iterations", "3");
        assertInvalid(() -> CONFIG.getDouble("scale", 1, 0, 1), "scale", "1.5");
        assertInvalid(() -> CONFIG.getDouble("name", 1, 0, 1), "name", "unet");
        assertInvalid(() -> CONFIG.getBoolean("bad-bool", false), "bad-bool", "yes");
        assertInvalid(() -> CONFIG.getBoolean("iterations", false), "iterations", "3");
    }

    @Test
    void messagesSayWhatIsExpected() {
        DeoccException e = assertThrows(DeoccException.class, () -> CONFIG.getInt("iterations", 1, 4, 10));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("10"), e.getMessage());
        e = assertThrows(DeoccException.class, () -> CONFIG.getBoolean("bad-bool", false));
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void notANumberAndOverflowAreRefused() {
        ComponentConfig config = ComponentConfig.of(Map.of("nan", "NaN", "big", "99999999999", "inf", "Infinity"));
        assertInvalid(() -> config.getDouble("nan", 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), "nan", "NaN");
        assertInvalid(() -> config.getInt("big", 0, Integer.MIN_VALUE, Integer.MAX_VALUE), "big", "99999999999");
        assertInvalid(() -> config.getDouble("inf", 0, 0, Double.MAX_VALUE), "inf", "Infinity");
    }

    @Test
    void requireOnlyAcceptsKnownKeys() {
        ComponentConfig.of(Map.of("a", "1", "b", "2")).requireOnly("my-completer", Set.of("a", "b", "c"));
        ComponentConfig.empty().requireOnly("my-completer", Set.of());
    }

    @Test
    void requireOnlyNamesTheUnknownKeyTheComponentAndTheKnownKeys() {
        ComponentConfig config = ComponentConfig.of(Map.of("iteratoins", "3"));
        DeoccException e = assertThrows(DeoccException.class, () -> config.requireOnly("my-completer", Set.of("iterations", "scale")));
        assertEquals(ErrorCode.INVALID_CONFIG, e.errorCode());
        assertTrue(e.getMessage().contains("iteratoins"), e.getMessage());
        assertTrue(e.getMessage().contains("my-completer"), e.getMessage());
        assertTrue(e.getMessage().contains("iterations") && e.getMessage().contains("scale"), e.getMessage());

        DeoccException none = assertThrows(DeoccException.class, () -> config.requireOnly("plain", Set.of()));
        assertTrue(none.getMessage().contains("none"), none.getMessage());
    }

    @Test
    void theConfigIsACopy() {
        Map<String, String> source = new HashMap<>(Map.of("a", "1"));
        ComponentConfig config = ComponentConfig.of(source);
        source.put("a", "2");
        source.put("b", "3");
        assertEquals(Optional.of("1"), config.get("a"));
        assertFalse(config.keys().contains("b"));

        Map<String, String> view = config.asMap();
        view.put("c", "4");
        assertFalse(config.keys().contains("c"));
        assertThrows(UnsupportedOperationException.class, () -> config.keys().add("d"));
    }

    @Test
    void equalityIsByContent() {
        assertEquals(ComponentConfig.of(Map.of("a", "1")), ComponentConfig.of(new HashMap<>(Map.of("a", "1"))));
        assertEquals(ComponentConfig.of(Map.of("a", "1")).hashCode(), ComponentConfig.of(new HashMap<>(Map.of("a", "1"))).hashCode());
        assertEquals(ComponentConfig.empty(), ComponentConfig.of(Map.of()));
        assertTrue(CONFIG.toString().contains("iterations=3"), CONFIG.toString());
    }

    @Test
    void nullsAreInvalidArguments() {
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "1");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("a", null);
        for (Executable call : new Executable[] {
            () -> ComponentConfig.of(null),
            () -> ComponentConfig.of(nullKey),
            () -> ComponentConfig.of(nullValue),
            () -> CONFIG.get(null),
            () -> CONFIG.getString(null, "x"),
            () -> CONFIG.getInt(null, 1, 0, 2),
            () -> CONFIG.getDouble(null, 1, 0, 2),
            () -> CONFIG.getBoolean(null, true),
            () -> CONFIG.requireOnly("c", null)}) {
            DeoccException e = assertThrows(DeoccException.class, call);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode(), e.getMessage());
        }
        DeoccException e = assertThrows(DeoccException.class, () -> ComponentConfig.of(nullValue));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    private static void assertInvalid(Executable call, String key, String value) {
        DeoccException e = assertThrows(DeoccException.class, call);
        assertEquals(ErrorCode.INVALID_CONFIG, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }
}
