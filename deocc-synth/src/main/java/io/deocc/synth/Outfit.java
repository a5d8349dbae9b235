package io.deocc.synth;

import io.deocc.api.image.LipClass;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The looks of one person: a texture per LIP label; parts of one material (skin, shoes) share one. */
final class Outfit {
    private static final int[] SKIN_TONES = {0xF1C8A5, 0xE0AC83, 0xC68E62, 0x8D5A3A, 0x5C3A24, 0xF5D6C0};

    private final Map<LipClass, Texture> looks;

    private Outfit(Map<LipClass, Texture> looks) {
        this.looks = looks;
    }

    /** {@code personHeight} (pixels) sets the pattern size; {@code rich} adds more patterns and accessory colours. */
    static Outfit random(SplittableRandom rnd, double personHeight, boolean rich) {
        double scale = Math.max(2, personHeight / 30);
        int skinRgb = Texture.shade(SKIN_TONES[rnd.nextInt(SKIN_TONES.length)], PersonFigure.uniform(rnd, 0.92, 1.08));
        Texture skin = Texture.solid(skinRgb, 3, rnd);
        Texture hair = Texture.solid(Texture.colour(rnd, 0.2, 0.7, 0.05, 0.45), 6, rnd);
        Texture shoes = Texture.solid(Texture.colour(rnd, 0.0, 0.6, 0.05, 0.6), 4, rnd);
        Texture glove = Texture.solid(Texture.colour(rnd, 0.3, 0.9, 0.2, 0.8), 3, rnd);
        Map<LipClass, Texture> looks = new EnumMap<>(LipClass.class);
        for (LipClass part : List.of(LipClass.FACE, LipClass.LEFT_ARM, LipClass.RIGHT_ARM, LipClass.LEFT_LEG, LipClass.RIGHT_LEG)) {
            looks.put(part, skin);
        }
        looks.put(LipClass.HAIR, hair);
        looks.put(LipClass.LEFT_SHOE, shoes);
        looks.put(LipClass.RIGHT_SHOE, shoes);
        looks.put(LipClass.GLOVE, glove);
        for (LipClass cloth : List.of(LipClass.UPPER_CLOTHES, LipClass.PANTS, LipClass.SKIRT)) {
            int base = Texture.colour(rnd, 0.25, 0.95, 0.2, 0.9);
            int alternate = Texture.colour(rnd, 0.1, 0.95, 0.2, 0.95);
            looks.put(cloth, Texture.random(rnd, base, alternate, scale, rich));
        }
        if (rich) {
            looks.put(LipClass.COAT, Texture.random(rnd, Texture.colour(rnd, 0.1, 0.7, 0.15, 0.6),
                    Texture.colour(rnd, 0.1, 0.7, 0.1, 0.5), scale, true));
            looks.put(LipClass.DRESS, Texture.random(rnd, Texture.colour(rnd, 0.3, 1.0, 0.35, 0.95),
                    Texture.colour(rnd, 0.2, 1.0, 0.5, 1.0), scale, true));
            looks.put(LipClass.HAT, Texture.random(rnd, Texture.colour(rnd, 0.2, 0.9, 0.15, 0.9),
                    Texture.colour(rnd, 0.2, 0.9, 0.15, 0.9), scale * 0.6, true));
            looks.put(LipClass.SCARF, Texture.random(rnd, Texture.colour(rnd, 0.4, 1.0, 0.3, 0.95),
                    Texture.colour(rnd, 0.2, 1.0, 0.4, 1.0), scale * 0.5, true));
            looks.put(LipClass.SUNGLASSES, Texture.solid(Texture.colour(rnd, 0.0, 0.4, 0.02, 0.2), 2, rnd));
        }
        return new Outfit(looks);
    }

    /** Paints the parts (already in canvas coordinates) in order. */
    void paint(Canvas canvas, List<PersonFigure.Part> parts, boolean rich) {
        Texture fallback = looks.get(LipClass.UPPER_CLOTHES);
        for (PersonFigure.Part part : parts) {
            Texture look = looks.getOrDefault(part.label(), fallback);
            canvas.fill(part.shape(), part.label().label(), look, rich, rich ? part.shadeWidth() : 0);
        }
    }
}
