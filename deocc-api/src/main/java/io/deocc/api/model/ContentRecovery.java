package io.deocc.api.model;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.RgbImage;
import io.deocc.api.image.RgbaImage;

/**
 * Stage 2 output for one person, at the image's size.
 *
 * @param personLayer the whole person, recovered; alpha is the amodal mask
 * @param composite the input image with the person's hidden region painted over the occluder
 */
public record ContentRecovery(RgbaImage personLayer, RgbImage composite) {
    public ContentRecovery {
        checkNotNull(personLayer, "personLayer");
        checkNotNull(composite, "composite");
        if (personLayer.width() != composite.width() || personLayer.height() != composite.height()) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "person layer is " + personLayer.width() + "x" + personLayer.height()
                    + " but the composite is " + composite.width() + "x" + composite.height() + ": both must have the image's size");
        }
    }
}
