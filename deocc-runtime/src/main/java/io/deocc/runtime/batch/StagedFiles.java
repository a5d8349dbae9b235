package io.deocc.runtime.batch;

import io.deocc.api.DeoccException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The {@link ItemFiles} of one item: files go into its staging folder through the storage, are
 * checksummed on the way and synced when closed.
 */
final class StagedFiles implements ItemFiles {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final int MAX_PATH_CHARS = 1024;

    private final BatchStorage storage;
    private final Path root;
    private final String itemId;
    private final BooleanSupplier outOfTime;
    private final Set<Path> folders = new LinkedHashSet<>();
    private final Map<String, String> checksums = new TreeMap<>();
    private final Set<String> created = new LinkedHashSet<>();
    private final List<OutputStream> open = new ArrayList<>();

    StagedFiles(BatchStorage storage, Path root, String itemId, BooleanSupplier outOfTime) {
        this.storage = storage;
        this.root = root;
        this.itemId = itemId;
        this.outOfTime = outOfTime;
    }

    /** Whether {@code path} is a relative path ItemFiles accepts. */
    static boolean isSafeRelativePath(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_PATH_CHARS) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized OutputStream create(String relativePath) throws IOException {
        DeoccException.checkNotNull(relativePath, "relativePath");
        DeoccException.checkArgument(isSafeRelativePath(relativePath), "output file '" + relativePath + "' of item '" + itemId
                + "' is not a safe relative path: use '/'-separated names of letters, digits, '.', '_' and '-', without '.' or '..' segments");
        DeoccException.checkArgument(!created.contains(relativePath), "output file '" + relativePath + "' of item '" + itemId
                + "' is written twice: write each file once");
        if (outOfTime.getAsBoolean()) {
            throw BatchRunner.timeout(itemId);
        }
        Path file = root.resolve(relativePath);
        Path parent = file.getParent();
        if (!parent.equals(root) && !folders.contains(parent)) {
            storage.createDirectories(parent);
            for (Path dir = parent; !dir.equals(root); dir = dir.getParent()) {
                folders.add(dir);
            }
        }
        MessageDigest digest = Checksums.sha256();
        OutputStream raw = storage.newFile(file);
        created.add(relativePath);
        OutputStream stream = new FilterOutputStream(new DigestOutputStream(raw, digest)) {
            private boolean closed;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                synchronized (StagedFiles.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    open.remove(this);
                }
                super.close();
                storage.sync(file);
                synchronized (StagedFiles.this) {
                    checksums.put(relativePath, Checksums.hex(digest));
                }
            }
        };
        open.add(stream);
        return stream;
    }

    /** Closes streams the writer left open, then syncs the folders, deepest first. */
    void finish() throws IOException {
        List<OutputStream> left;
        synchronized (this) {
            left = new ArrayList<>(open);
        }
        for (OutputStream stream : left) {
            stream.close();
        }
        List<Path> dirs = new ArrayList<>(folders);
        dirs.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path dir : dirs) {
            storage.sync(dir);
        }
        storage.sync(root);
    }

    /** The files written, relative path to SHA-256. */
    synchronized Map<String, String> checksums() {
        return new TreeMap<>(checksums);
    }
}
