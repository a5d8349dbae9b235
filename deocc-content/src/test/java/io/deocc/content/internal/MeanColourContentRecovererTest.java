package io.deocc.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ContentRecoverer;
import io.deocc.api.spi.PluginContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeanColourContentRecovererTest {
    private final MeanColourContentRecovererFactory factory = new MeanColourContentRecovererFactory();

    @Test
    void fillsTheHiddenRegionWithTheRoundedMeanOfTheVisiblePixels() {
        // 4x1 image: two visible pixels (10,20,30) and (11,20,33) -> mean (10.5, 20, 31.5) rounds to (11, 20, 32)
        RgbImage image = RgbImage.of(4, 1, new int[] {0x0A141E, 0x0B1421, 0xFFFFFF, 0x000000});
        BinaryMask visible = BinaryMask.of(4, 1, new boolean[] {true, true, false, false});
        BinaryMask amodal = BinaryMask.of(4, 1, new boolean[] {true, true, true, false});
        try (ContentRecoverer recoverer = factory.create(ComponentConfig.empty(), PluginContext.defaults())) {
            ContentRecovery recovery = recoverer.recover(image, PersonInstance.of(1, visible), new MaskCompletion(visible, amodal));
            RgbImage composite = recovery.composite();
            assertEquals(0x0A141E, composite.rgb(0, 0));
            assertEquals(0x0B1421, composite.rgb(1, 0));
            assertEquals(0x0B1420, composite.rgb(2, 0), "hidden pixel takes the mean colour");
            assertEquals(0x000000, composite.rgb(3, 0), "pixel outside the body is unchanged");
        }
    }

    @Test
    void usesTheSegmenterMaskWhenTheRefinedVisibleMaskIsEmpty() {
        RgbImage image = RgbImage.of(3, 1, new int[] {0x102030, 0xFFFFFF, 0x000000});
        BinaryMask seen = BinaryMask.ofBox(3, 1, new Box(0, 0, 1, 1));
        BinaryMask empty = BinaryMask.empty(3, 1);
        BinaryMask amodal = BinaryMask.ofBox(3, 1, new Box(1, 0, 1, 1));
        try (ContentRecoverer recoverer = factory.create(ComponentConfig.empty(), PluginContext.defaults())) {
            ContentRecovery recovery = recoverer.recover(image, PersonInstance.of(1, seen), new MaskCompletion(empty, amodal));
            assertEquals(0x102030, recovery.composite().rgb(1, 0));
        }
    }

    @Test
    void isABaselineThatIsNeverTheDefault() {
        assertEquals(-100, factory.defaultPriority());
        assertTrue(factory.descriptor().capabilities().contains("baseline"));
        assertTrue(factory.descriptor().description().toLowerCase().contains("baseline"));
    }

    @Test
    void rejectsAnySetting() {
        DeoccException e = assertThrows(DeoccException.class,
                () -> factory.create(ComponentConfig.of(Map.of("patch-size", "9")), PluginContext.defaults()));
        assertEquals(ErrorCode.INVALID_CONFIG, e.errorCode());
        assertTrue(e.getMessage().contains("patch-size"), e.getMessage());
    }
}
