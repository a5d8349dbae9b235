package io.deocc.synth;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;

/**
 * One synthetic test scene with its ground truth: a person partly hidden by an occluder.
 *
 * <p>The constructor checks that the parts agree with each other, so a scene built by hand (for a
 * test) cannot describe an impossible ground truth.
 *
 * <p>When the person is cut by the image border ({@link SceneInfo#truncated()}), every mask and
 * parsing map is clipped to the image: the parts outside the frame are not ground truth.
 *
 * @param seed the seed the scene was generated from (any value for a hand-built scene)
 * @param image the occluded scene: {@code original} with the occluder painted over it
 * @param original the same scene without the occluder
 * @param amodal the whole person, hidden parts included
 * @param visible the visible part of the person: {@code amodal} minus {@code occluder}; never empty
 * @param occluder the pixels the occluder covers (it may also cover background)
 * @param amodalParsing LIP labels of the whole person, background (0) outside {@code amodal}
 * @param segmenterMask {@code visible} degraded like an instance segmenter's output (dilated or
 *     eroded, jittered boundary, small holes, bleeding into the occluder): the input a mask
 *     completer gets in practice. Equal to {@code visible} when noise is off or for hand-built scenes
 * @param info how the scene was made (pose family, occluder kinds)
 */
public record Scene(long seed, RgbImage image, RgbImage original, BinaryMask amodal, BinaryMask visible,
        BinaryMask occluder, ParsingMap amodalParsing, BinaryMask segmenterMask, SceneInfo info) {
    /** A hand-built scene: the segmenter mask is the visible mask and nothing is known about how it was made. */
    public Scene(long seed, RgbImage image, RgbImage original, BinaryMask amodal, BinaryMask visible, BinaryMask occluder,
            ParsingMap amodalParsing) {
        this(seed, image, original, amodal, visible, occluder, amodalParsing, visible, SceneInfo.unknown());
    }

    public Scene {
        checkNotNull(image, "image");
        checkNotNull(original, "original");
        checkNotNull(amodal, "amodal");
        checkNotNull(visible, "visible");
        checkNotNull(occluder, "occluder");
        checkNotNull(amodalParsing, "amodalParsing");
        checkNotNull(segmenterMask, "segmenterMask");
        checkNotNull(info, "info");
        int w = image.width();
        int h = image.height();
        checkSize("original image", original.width(), original.height(), w, h);
        checkSize("amodal mask", amodal.width(), amodal.height(), w, h);
        checkSize("visible mask", visible.width(), visible.height(), w, h);
        checkSize("occluder mask", occluder.width(), occluder.height(), w, h);
        checkSize("amodal parsing", amodalParsing.width(), amodalParsing.height(), w, h);
        checkSize("segmenter mask", segmenterMask.width(), segmenterMask.height(), w, h);
        if (visible.isEmpty()) {
            throw new DeoccException(ErrorCode.EMPTY_MASK, "scene " + seed + " has an empty visible mask: the occluder must leave part of the person visible");
        }
        if (!visible.equals(amodal.andNot(occluder))) {
            throw DeoccException.invalidArgument("scene " + seed + ": the visible mask must be exactly the amodal mask minus the occluder mask");
        }
        if (!amodalParsing.foreground().equals(amodal)) {
            throw DeoccException.invalidArgument("scene " + seed + ": the amodal parsing must label exactly the amodal mask's pixels (background 0 elsewhere)");
        }
        int[] occluded = image.toArray();
        int[] clean = original.toArray();
        for (int i = 0; i < occluded.length; i++) {
            if (!occluder.get(i) && occluded[i] != clean[i]) {
                throw DeoccException.invalidArgument("scene " + seed + ": image and original differ at pixel (" + i % w + ", " + i / w
                        + ") outside the occluder; they may differ only where the occluder is");
            }
        }
    }

    /** Image width in pixels. */
    public int width() {
        return image.width();
    }

    /** Image height in pixels. */
    public int height() {
        return image.height();
    }

    /** The hidden part of the person: amodal minus visible. */
    public BinaryMask invisible() {
        return amodal.andNot(visible);
    }

    /** Visible fraction of the person's whole body, in (0, 1]. */
    public double visibleRatio() {
        return visible.area() / (double) amodal.area();
    }

    /** The amodal parsing restricted to the visible pixels (background elsewhere). */
    public ParsingMap visibleParsing() {
        return parsingOn(visible);
    }

    /** The amodal parsing restricted to the hidden pixels (background elsewhere). */
    public ParsingMap invisibleParsing() {
        return parsingOn(invisible());
    }

    private ParsingMap parsingOn(BinaryMask where) {
        byte[] labels = amodalParsing.toArray();
        for (int i = 0; i < labels.length; i++) {
            if (!where.get(i)) {
                labels[i] = 0;
            }
        }
        return ParsingMap.of(width(), height(), labels);
    }

    private static void checkSize(String what, int width, int height, int imageWidth, int imageHeight) {
        if (width != imageWidth || height != imageHeight) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, what + " is " + width + "x" + height + " but the scene image is "
                    + imageWidth + "x" + imageHeight + ": every part of a scene must have the image's size");
        }
    }
}
