package io.deocc.api;

/** Stable error codes carried by {@link DeoccException}. Codes are never renumbered. */
public enum ErrorCode {
    INVALID_ARGUMENT(1, ErrorType.USER_ERROR),
    FILE_NOT_FOUND(2, ErrorType.USER_ERROR),
    IMAGE_UNREADABLE(3, ErrorType.USER_ERROR),
    SIZE_MISMATCH(4, ErrorType.USER_ERROR),
    EMPTY_MASK(5, ErrorType.USER_ERROR),
    UNKNOWN_COMPONENT(6, ErrorType.USER_ERROR),
    INVALID_CONFIG(7, ErrorType.USER_ERROR),
    ANNOTATION_INVALID(8, ErrorType.USER_ERROR),
    COMPONENT_CLOSED(9, ErrorType.USER_ERROR),
    IMAGE_TOO_LARGE(20, ErrorType.INSUFFICIENT_RESOURCES),
    TOO_MANY_PEOPLE(21, ErrorType.INSUFFICIENT_RESOURCES),
    OUT_OF_MEMORY(22, ErrorType.INSUFFICIENT_RESOURCES),
    CROP_TOO_LARGE(23, ErrorType.INSUFFICIENT_RESOURCES),
    TIMEOUT(24, ErrorType.INSUFFICIENT_RESOURCES),
    IO_FAILURE(40, ErrorType.EXTERNAL),
    PLUGIN_FAILURE(41, ErrorType.EXTERNAL),
    DUPLICATE_COMPONENT(42, ErrorType.EXTERNAL),
    MODEL_INVALID(43, ErrorType.EXTERNAL),
    NATIVE_LIBRARY(44, ErrorType.EXTERNAL),
    INTERNAL(60, ErrorType.INTERNAL_ERROR);

    private final int code;
    private final ErrorType type;

    ErrorCode(int code, ErrorType type) {
        this.code = code;
        this.type = type;
    }

    public int code() {
        return code;
    }

    public ErrorType type() {
        return type;
    }
}
