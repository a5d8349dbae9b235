package io.deocc.runtime.batch;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Every change the batch runner makes to the file system goes through here, so that tests can make
 * the disk fill up or the folder turn read-only without root tricks. Reads do not: a failed read is
 * an input problem, which the item reports anyway.
 */
interface BatchStorage {
    void createDirectories(Path dir) throws IOException;

    /** A new, empty folder inside {@code parent} whose name starts with {@code prefix}. */
    Path createTempDirectory(Path parent, String prefix) throws IOException;

    /** A stream to a new file; fails when the file exists. */
    OutputStream newFile(Path file) throws IOException;

    /** Flushes a file's or a folder's content and metadata to the disk. */
    void sync(Path path) throws IOException;

    /** Renames in one step; fails rather than copying when that is impossible. */
    void moveAtomically(Path from, Path to) throws IOException;

    /** Deletes a file or a folder with everything inside; nothing when it does not exist. */
    void deleteTree(Path path) throws IOException;

    /** The entries of a folder, sorted; empty when it does not exist. */
    List<Path> list(Path dir) throws IOException;

    /** Replaces a file's content in one step (a synced temporary file renamed over it). */
    void replaceFile(Path file, byte[] content) throws IOException;

    /** Opens a file for appending synced lines. */
    Appender openAppender(Path file) throws IOException;

    /** Takes an exclusive lock on the file, creating it; throws when another process holds it. */
    Closeable lock(Path file) throws IOException;

    /** Appends to one file; each call returns once the bytes are on the disk. */
    interface Appender extends Closeable {
        void append(byte[] bytes) throws IOException;
    }
}
