package io.deocc.cli;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any work starts, that the commands' output paths can be written. */
final class OutputPaths {
    private OutputPaths() {}

    /** A folder that exists, or whose nearest existing ancestor is a writable folder. */
    static void checkFolder(Path folder, String option) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, option + " '" + folder + "' exists and is not a folder: choose another");
        }
        checkCreatable(absolute, folder, option);
    }

    /** A file path that is not a folder and whose nearest existing ancestor is a writable folder. */
    static void checkFile(Path file, String option) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, option + " '" + file + "' is a folder: give the path of the file to write");
        }
        checkCreatable(absolute.getParent(), file, option);
    }

    private static void checkCreatable(Path start, Path given, String option) {
        Path existing = start;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, option + " '" + given + "' cannot be written: '" + existing
                    + "' is not a writable folder; choose another path");
        }
    }
}
