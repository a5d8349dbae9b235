package io.deocc.api.spi;

import io.deocc.api.DeoccException;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;

/** Stage 2: paints the person's hidden (invisible) region. */
public interface ContentRecoverer extends Component {
    /**
     * @return the person layer and the composite; pixels of the refined visible mask keep the input's values exactly
     * @throws io.deocc.api.DeoccException {@code SIZE_MISMATCH} when the masks and the image differ in size
     */
    ContentRecovery recover(RgbImage image, PersonInstance person, MaskCompletion masks);
}
