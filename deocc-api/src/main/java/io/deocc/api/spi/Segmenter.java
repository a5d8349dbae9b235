package io.deocc.api.spi;

import io.deocc.api.DeoccException;
import io.deocc.api.model.PersonInstance;
import java.util.List;

/** Finds the people in an image with their visible masks. */
public interface Segmenter extends Component {
    /**
     * @return the people found, ids 1..N in the order found; empty when there is nobody
     * @throws io.deocc.api.DeoccException for invalid input, naming what is wrong
     */
    List<PersonInstance> segment(SegmentationRequest request);
}
