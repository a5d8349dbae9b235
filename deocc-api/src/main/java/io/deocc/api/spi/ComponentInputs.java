package io.deocc.api.spi;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;

/**
 * The checks every component makes before it works, with the messages users see. Plugin authors
 * call these first in {@code complete}/{@code recover} so that all components refuse bad input the
 * same way (the testkit's contracts expect these error codes).
 */
public final class ComponentInputs {
    private ComponentInputs() {}

    /** Throws {@link ErrorCode#COMPONENT_CLOSED} when the component was closed. */
    public static void checkOpen(boolean closed, ComponentDescriptor descriptor) {
        if (closed) {
            throw new DeoccException(ErrorCode.COMPONENT_CLOSED, noun(descriptor.stage()) + " '" + descriptor.name()
                    + "' is closed: create a new one from its factory");
        }
    }

    /**
     * A completer's input: both present, the person's mask of the image's size, the image within the
     * limits ({@link ErrorCode#INVALID_ARGUMENT}, {@link ErrorCode#SIZE_MISMATCH}, {@link ErrorCode#IMAGE_TOO_LARGE}).
     */
    public static void checkPerson(RgbImage image, PersonInstance person, ResourceLimits limits) {
        checkNotNull(image, "image");
        checkNotNull(person, "person");
        checkNotNull(limits, "limits");
        limits.checkImageSize("image", image.width(), image.height());
        checkSize("person " + person.id() + "'s visible mask", person.width(), person.height(), image);
    }

    /** A recoverer's input: {@link #checkPerson} and masks of the image's size. */
    public static void checkMasks(RgbImage image, PersonInstance person, MaskCompletion masks, ResourceLimits limits) {
        checkPerson(image, person, limits);
        checkNotNull(masks, "masks");
        checkSize("the masks of person " + person.id(), masks.amodal().width(), masks.amodal().height(), image);
    }

    private static void checkSize(String what, int width, int height, RgbImage image) {
        if (width != image.width() || height != image.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, what + " is " + width + "x" + height + " but the image is "
                    + image.width() + "x" + image.height() + ": give masks of the image's size");
        }
    }

    private static String noun(Stage stage) {
        return switch (stage) {
            case SEGMENTATION -> "segmenter";
            case MASK_COMPLETION -> "mask completer";
            case CONTENT_RECOVERY -> "content recoverer";
        };
    }
}
