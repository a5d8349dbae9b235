package io.deocc.api.image;

import static io.deocc.api.DeoccException.checkArgument;

import java.util.List;

/** The 20 human parsing classes of the LIP dataset, in LIP's label order (0 = background). */
public enum LipClass {
    BACKGROUND, HAT, HAIR, GLOVE, SUNGLASSES, UPPER_CLOTHES, DRESS, COAT, SOCKS, PANTS,
    JUMPSUITS, SCARF, SKIRT, FACE, LEFT_ARM, RIGHT_ARM, LEFT_LEG, RIGHT_LEG, LEFT_SHOE, RIGHT_SHOE;

    private static final List<LipClass> BY_LABEL = List.of(values());

    /** Number of classes, background included. */
    public static final int COUNT = 20;

    /** The label value used in parsing maps. */
    public int label() {
        return ordinal();
    }

    public static LipClass ofLabel(int label) {
        checkArgument(label >= 0 && label < COUNT, "parsing label " + label + " is not a LIP class: labels run from 0 to " + (COUNT - 1));
        return BY_LABEL.get(label);
    }
}
