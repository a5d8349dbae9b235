package io.deocc.synth;

/**
 * The families synthetic poses are drawn from. Each family fixes the view: front-facing families
 * show the person's left on the image's right (LIP's convention); side-view families show the
 * person in profile, facing left or right.
 */
public enum PoseFamily {
    /** Front view, relaxed stance, arms at the sides. */
    STANDING,
    /** Front view, one leg lifted and arms swinging. */
    WALKING,
    /** Side view, long stride, bent knees and elbows, forward lean. */
    RUNNING,
    /** Side view, thighs roughly horizontal and shins down, as on a chair or a bench. */
    SITTING,
    /** Front view, one or both arms above the shoulders. */
    ARMS_RAISED,
    /** Side view, torso bent forward from the hips, arms hanging. */
    BENDING,
    /** Side view, standing or walking in profile. */
    SIDE_VIEW;

    /** Whether the person is drawn in profile rather than facing the camera. */
    public boolean sideView() {
        return this == RUNNING || this == SITTING || this == BENDING || this == SIDE_VIEW;
    }
}
