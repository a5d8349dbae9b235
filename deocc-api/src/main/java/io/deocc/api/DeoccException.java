package io.deocc.api;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type of deocc. Unchecked; carries an {@link ErrorCode}.
 *
 * <p>Messages name the offending value and say what to do about it, e.g.
 * {@code "mask 'a.png' is 640x480 but the image is 800x600: give a mask of the image's size"}.
 */
public class DeoccException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public DeoccException(ErrorCode errorCode, String message) {
        super(requireNonNull(message, "message is null"));
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public DeoccException(ErrorCode errorCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public ErrorType errorType() {
        return errorCode.type();
    }

    /** Shorthand for a {@link ErrorCode#INVALID_ARGUMENT} failure. */
    public static DeoccException invalidArgument(String message) {
        return new DeoccException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /** Throws {@link ErrorCode#INVALID_ARGUMENT} with the message unless the condition holds. */
    public static void checkArgument(boolean condition, String message) {
        if (!condition) {
            throw invalidArgument(message);
        }
    }

    /** Throws {@link ErrorCode#INVALID_ARGUMENT} naming the argument when it is null. */
    public static <T> T checkNotNull(T value, String name) {
        if (value == null) {
            throw invalidArgument(name + " is null: pass a value");
        }
        return value;
    }
}
