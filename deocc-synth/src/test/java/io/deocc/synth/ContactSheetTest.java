package io.deocc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Checks the contact sheet's layout; with {@code -Ddeocc.synth.contactSheet=<file.png>} it also
 * writes the 32-scene sheet of the rich defaults there (see the module's README for the command).
 */
class ContactSheetTest {
    private static final String PROPERTY = "deocc.synth.contactSheet";

    @Test
    void sheetHasFourTilesPerSceneAndShowsThePeople() {
        SceneSettings settings = SceneSettings.defaults(64, 64);
        BufferedImage sheet = ContactSheet.draw(1, 3, 2, settings);
        assertEquals(4 + 2 * (4 * 64 + 4), sheet.getWidth());
        assertEquals(4 + 2 * (64 + 4), sheet.getHeight());
        Scene first = SyntheticScenes.generate(1, settings);
        // the first tile is the scene's image, unchanged
        assertEquals(first.image().rgb(10, 20), sheet.getRGB(4 + 10, 4 + 20) & 0xFFFFFF);
        // the third scene sits in the second row, and the empty fourth cell stays white
        assertNotEquals(0xFFFFFF, sheet.getRGB(4 + 5, 4 + 68 + 5) & 0xFFFFFF);
        assertEquals(0xFFFFFF, sheet.getRGB(4 + (4 * 64 + 4) + 5, 4 + 68 + 5) & 0xFFFFFF);
        String target = System.getProperty(PROPERTY);
        if (target != null && !target.isBlank()) {
            ContactSheet.write(Path.of(target), 1, 32, 4, SceneSettings.defaults(160, 160));
        }
    }
}
