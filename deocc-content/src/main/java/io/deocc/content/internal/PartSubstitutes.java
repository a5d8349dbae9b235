package io.deocc.content.internal;

import io.deocc.api.image.LipClass;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which visible body part to copy from when the wanted part has no visible pixel: first the part
 * itself, then its mirror twin (a hidden left sleeve looks like the visible right one), then, for
 * bare skin, any other bare-skin part (face, arms and legs share a skin tone).
 */
final class PartSubstitutes {
    private static final List<LipClass> SKIN = List.of(LipClass.FACE, LipClass.LEFT_ARM, LipClass.RIGHT_ARM,
            LipClass.LEFT_LEG, LipClass.RIGHT_LEG);
    private static final Map<LipClass, LipClass> MIRROR = new EnumMap<>(Map.of(
            LipClass.LEFT_ARM, LipClass.RIGHT_ARM, LipClass.RIGHT_ARM, LipClass.LEFT_ARM,
            LipClass.LEFT_LEG, LipClass.RIGHT_LEG, LipClass.RIGHT_LEG, LipClass.LEFT_LEG,
            LipClass.LEFT_SHOE, LipClass.RIGHT_SHOE, LipClass.RIGHT_SHOE, LipClass.LEFT_SHOE));

    private PartSubstitutes() {}

    /**
     * The label to copy a hidden pixel of part {@code wanted} from, or {@link ExemplarInpainter#ANY_PART}
     * when neither the part nor a substitute is visible.
     *
     * @param wanted a LIP label; background (0) has no part and gives {@code ANY_PART}
     * @param visible whether each LIP label has at least one visible pixel
     */
    static int sourcePartFor(int wanted, boolean[] visible) {
        if (wanted <= 0 || wanted >= LipClass.COUNT) {
            return ExemplarInpainter.ANY_PART;
        }
        if (visible[wanted]) {
            return wanted;
        }
        LipClass part = LipClass.ofLabel(wanted);
        LipClass twin = MIRROR.get(part);
        if (twin != null && visible[twin.label()]) {
            return twin.label();
        }
        if (SKIN.contains(part)) {
            for (LipClass skin : SKIN) {
                if (visible[skin.label()]) {
                    return skin.label();
                }
            }
        }
        return ExemplarInpainter.ANY_PART;
    }
}
