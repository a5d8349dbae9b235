package io.deocc.api.spi;

import io.deocc.api.DeoccException;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;

/** Stage 1: refines a person's visible mask and predicts the whole body's (amodal) mask. */
public interface MaskCompleter extends Component {
    /**
     * @param image the whole image
     * @param person a person in it; its masks have the image's size
     * @return masks at the image's size; the amodal mask contains the refined visible mask
     * @throws io.deocc.api.DeoccException {@code SIZE_MISMATCH} when the person's mask and the image differ in size
     */
    MaskCompletion complete(RgbImage image, PersonInstance person);
}
