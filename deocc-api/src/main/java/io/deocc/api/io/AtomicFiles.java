package io.deocc.api.io;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Writes files so that readers see the old content or the whole new content, never a part, even
 * after a crash: the bytes go to a temporary file in the same folder, which is synced to disk and
 * then renamed over the target, and the folder is synced after the rename.
 *
 * <p>The temporary file is created like any other file, so the result gets the permissions the
 * process's umask gives new files ({@code Files.createTempFile} would make it readable by its owner
 * only).
 */
public final class AtomicFiles {
    private static final Random NAMES = new SecureRandom();
    private static final int NAME_ATTEMPTS = 100;

    /** Writes the content of one file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Replaces {@code file} with what {@code writer} writes, creating missing folders.
     *
     * @throws DeoccException {@code IO_FAILURE} naming the file when anything cannot be written; the
     *     target is then unchanged and no temporary file is left behind
     */
    public static void write(Path file, Writer writer) {
        try {
            replace(file, writer);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot write '" + file + "' (" + e + "): check that the folder is writable and the disk has space", e);
        }
    }

    public static void writeString(Path file, String content) {
        checkNotNull(content, "content");
        write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@link #write} for callers that handle the {@link IOException} themselves (e.g. to tell a full
     * disk from a bad argument).
     */
    public static void replace(Path file, Writer writer) throws IOException {
        checkNotNull(file, "file");
        checkNotNull(writer, "writer");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        DeoccException.checkArgument(dir != null && target.getFileName() != null,
                "'" + file + "' is not a file path: name a file inside a folder");
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            String prefix = "." + target.getFileName() + ".";
            for (int attempt = 0; tmp == null; attempt++) {
                Path candidate = dir.resolve(prefix + Long.toUnsignedString(NAMES.nextLong(), 36) + ".tmp");
                try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    tmp = candidate;
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                    writer.writeTo(out);
                    out.flush();
                    channel.force(true);
                } catch (FileAlreadyExistsException e) {
                    if (attempt >= NAME_ATTEMPTS) {
                        throw e;
                    }
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncFolder(dir);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file's name starts with a dot and ends with .tmp
                }
            }
        }
    }

    /** Makes a rename inside {@code dir} durable; a no-op where folders cannot be opened (e.g. Windows). */
    public static void syncFolder(Path dir) throws IOException {
        checkNotNull(dir, "dir");
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // some systems cannot open or sync a folder; the file itself was synced, which matters most
        }
    }
}
