package io.deocc.api.spi;

/** The three steps of a de-occlusion pipeline, in order. */
public enum Stage {
    /** Finds people and their (possibly inaccurate) visible masks. */
    SEGMENTATION,
    /** Refines the visible mask and predicts the amodal mask. */
    MASK_COMPLETION,
    /** Paints the hidden part of the person. */
    CONTENT_RECOVERY
}
