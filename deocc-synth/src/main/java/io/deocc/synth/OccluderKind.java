package io.deocc.synth;

/** What may hide part of a synthetic or real person. */
public enum OccluderKind {
    /** Another synthetic person standing in front. */
    PERSON,
    /** A box or crate, square or rounded. */
    BOX,
    /** A vertical pole, post or tree trunk running through the whole image. */
    POLE,
    /** A furniture-like polygon: a table, a chair back, a counter. */
    FURNITURE,
    /** A textured blob: a bush, a bag, a bundle. */
    BLOB,
    /**
     * A low wall or barrier rising from the bottom of the image. Also the last resort when no
     * occluder of the allowed kinds reaches the requested share (a full-width wall always can), so
     * it may be reported for a scene whose settings did not list it; this is rare except in tiny images.
     */
    WALL,
    /**
     * The image border: the person stands partly outside the frame. The parts outside are not
     * part of the ground truth, because every mask is clipped to the image; so this kind never
     * counts towards the hidden share and always comes together with another occluder. It applies
     * to synthetic people only (a real photo cannot be re-framed).
     */
    BORDER,
    /** An RGBA cut-out supplied in {@link OcclusionSettings#cutouts()}, pasted with its alpha. */
    CUTOUT
}
