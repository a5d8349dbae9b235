package io.deocc.api.io;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers see the old content or the whole new content, never a part: the
 * bytes go to a temporary file in the same folder, which is then renamed over the target.
 */
public final class AtomicFiles {
    /** Writes the content of one file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    public static void write(Path file, Writer writer) {
        checkNotNull(file, "file");
        checkNotNull(writer, "writer");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        DeoccException.checkArgument(dir != null && target.getFileName() != null,
                "'" + file + "' is not a file path: name a file inside a folder");
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot write '" + file + "' (" + e + "): check that the folder is writable and the disk has space", e);
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

    public static void writeString(Path file, String content) {
        checkNotNull(content, "content");
        write(file, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
