package io.deocc.api;

/** Who has to act on an error. The CLI maps these to exit codes. */
public enum ErrorType {
    /** The caller's input or configuration is wrong; fixing it fixes the call. */
    USER_ERROR,
    /** A configured limit or the machine's memory was exceeded. */
    INSUFFICIENT_RESOURCES,
    /** Something outside deocc failed: a file system, a model file, a native library, a plugin. */
    EXTERNAL,
    /** A bug in deocc or in a plugin. */
    INTERNAL_ERROR
}
