package io.deocc.synth;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Draws a contact sheet of generated scenes: per scene four tiles side by side: the occluded
 * image; the visible mask (white) with the segmenter-like mask's disagreements (red: extra, blue:
 * missing); the amodal mask (visible white, hidden orange, occluder dark grey); the amodal parsing
 * in colour. Used by {@link ContactSheetTest}, which writes docs/images/synth-contact-sheet.png on request.
 */
final class ContactSheet {
    /** A distinct colour per LIP label (0 = background, black). */
    private static final int[] PALETTE = {
        0x000000, 0x800000, 0xFF0000, 0x00FF55, 0xAA0033, 0xFF5500, 0x005555, 0x0055AA, 0x55AA00, 0x000080,
        0x007F00, 0x7F7F00, 0x0000FF, 0x33CCFF, 0xFFCC00, 0xCCFF55, 0x55FFAA, 0xAAFF55, 0xFFFF00, 0xFFAA00};

    private ContactSheet() {}

    /**
     * {@code java -cp <classes>:<test-classes>:<deocc-api jar> io.deocc.synth.ContactSheet out.png [defaults|simple] [size] [count] [firstSeed]}
     */
    public static void main(String[] args) {
        String preset = args.length > 1 ? args[1] : "defaults";
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 160;
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        long first = args.length > 4 ? Long.parseLong(args[4]) : 1;
        SceneSettings settings = preset.equals("simple") ? SceneSettings.simple(size, size) : SceneSettings.defaults(size, size);
        write(Path.of(args[0]), first, count, 4, settings);
    }

    static BufferedImage draw(long firstSeed, int count, int columns, SceneSettings settings) {
        int w = settings.width();
        int h = settings.height();
        int gap = 4;
        int rows = (count + columns - 1) / columns;
        int cellW = 4 * w + gap;
        BufferedImage sheet = new BufferedImage(columns * cellW + gap, rows * (h + gap) + gap, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < sheet.getHeight(); y++) {
            for (int x = 0; x < sheet.getWidth(); x++) {
                sheet.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int k = 0; k < count; k++) {
            Scene s = SyntheticScenes.generate(firstSeed + k, settings);
            int ox = gap + (k % columns) * cellW;
            int oy = gap + (k / columns) * (h + gap);
            put(sheet, ox, oy, s.image());
            put(sheet, ox + w, oy, visibleTile(s));
            put(sheet, ox + 2 * w, oy, amodalTile(s));
            put(sheet, ox + 3 * w, oy, parsingTile(s));
        }
        return sheet;
    }

    static void write(Path file, long firstSeed, int count, int columns, SceneSettings settings) {
        ImageFiles.writePng(draw(firstSeed, count, columns, settings), file);
    }

    private static RgbImage visibleTile(Scene s) {
        BinaryMask visible = s.visible();
        BinaryMask noisy = s.segmenterMask();
        int[] px = new int[s.width() * s.height()];
        for (int i = 0; i < px.length; i++) {
            boolean v = visible.get(i);
            boolean n = noisy.get(i);
            px[i] = v && n ? 0xFFFFFF : (n ? 0xFF3030 : (v ? 0x3060FF : 0x000000));
        }
        return RgbImage.of(s.width(), s.height(), px);
    }

    private static RgbImage amodalTile(Scene s) {
        int[] px = new int[s.width() * s.height()];
        for (int i = 0; i < px.length; i++) {
            px[i] = s.visible().get(i) ? 0xFFFFFF : (s.amodal().get(i) ? 0xFF9900 : (s.occluder().get(i) ? 0x404040 : 0x000000));
        }
        return RgbImage.of(s.width(), s.height(), px);
    }

    private static RgbImage parsingTile(Scene s) {
        int[] px = new int[s.width() * s.height()];
        for (int i = 0; i < px.length; i++) {
            px[i] = PALETTE[s.amodalParsing().label(i) % LipClass.COUNT];
        }
        return RgbImage.of(s.width(), s.height(), px);
    }

    private static void put(BufferedImage sheet, int ox, int oy, RgbImage tile) {
        for (int y = 0; y < tile.height(); y++) {
            for (int x = 0; x < tile.width(); x++) {
                sheet.setRGB(ox + x, oy + y, tile.rgb(x, y));
            }
        }
    }
}
