package io.deocc.data;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves the relative paths a dataset names against its folder, refusing anything that would read
 * outside it: absolute paths, {@code ..} segments, and symbolic links whose target lies outside.
 */
final class DatasetPaths {
    private DatasetPaths() {}

    /**
     * The file {@code relative} names inside {@code root} (a real path, see {@link Path#toRealPath}).
     * Messages name the path; the caller puts the line and field in front.
     *
     * @throws DeoccException {@code ANNOTATION_INVALID} for a path that leaves the folder or is not
     *     a path, {@code FILE_NOT_FOUND} for a missing file
     */
    static Path resolve(Path root, String relative) {
        String fix = ": paths are relative to the dataset folder '" + root + "', use '/' between folders, and stay inside it";
        if (relative.indexOf('\\') >= 0) {
            throw invalid("path '" + relative + "' contains '\\'" + fix);
        }
        if (relative.startsWith("/") || relative.matches("^[A-Za-z]:.*")) {
            throw invalid("path '" + relative + "' is absolute" + fix);
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.equals("..")) {
                throw invalid("path '" + relative + "' contains '..' and would leave the dataset folder" + fix);
            }
        }
        Path path;
        try {
            path = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw invalid("path '" + relative + "' is not a valid path (" + e.getReason() + ")" + fix);
        }
        if (!path.startsWith(root) || path.equals(root)) {
            throw invalid("path '" + relative + "' does not name a file inside the dataset folder" + fix);
        }
        if (!Files.exists(path)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "file '" + relative + "' does not exist in '" + root
                    + "': add the file or fix the path (paths are relative to the dataset folder)");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "file '" + relative + "' cannot be resolved (" + e
                    + "): check the file and its permissions", e);
        }
        if (!real.startsWith(root)) {
            throw invalid("path '" + relative + "' is a symbolic link to '" + real + "', outside the dataset folder"
                    + ": copy the file into the dataset folder instead of linking to it");
        }
        if (!Files.isRegularFile(real)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "path '" + relative + "' is not a file: name a PNG file");
        }
        return real;
    }

    private static DeoccException invalid(String message) {
        return new DeoccException(ErrorCode.ANNOTATION_INVALID, message);
    }
}
