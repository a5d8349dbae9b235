package io.deocc.runtime.batch;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real storage with injected faults: a disk that is full after a number of bytes, and a folder
 * that turns read-only after a number of index appends (i.e. committed items).
 */
final class FaultyStorage implements BatchStorage {
    private final BatchStorage real = new FileSystemStorage();
    private final long byteLimit;
    private final int appendsBeforeReadOnly;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger appends = new AtomicInteger();
    private volatile boolean readOnly;

    private FaultyStorage(long byteLimit, int appendsBeforeReadOnly) {
        this.byteLimit = byteLimit;
        this.appendsBeforeReadOnly = appendsBeforeReadOnly;
    }

    static FaultyStorage diskFullAfter(long bytes) {
        return new FaultyStorage(bytes, Integer.MAX_VALUE);
    }

    static FaultyStorage readOnlyAfterCommits(int commits) {
        return new FaultyStorage(Long.MAX_VALUE, commits);
    }

    boolean isReadOnly() {
        return readOnly;
    }

    private void writable(Path path) throws IOException {
        if (readOnly) {
            throw new AccessDeniedException(path.toString(), null, "Read-only file system");
        }
    }

    private void use(long count) throws IOException {
        if (bytes.addAndGet(count) > byteLimit) {
            throw new IOException("No space left on device");
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        writable(dir);
        real.createDirectories(dir);
    }

    @Override
    public Path createTempDirectory(Path parent, String prefix) throws IOException {
        writable(parent);
        return real.createTempDirectory(parent, prefix);
    }

    @Override
    public OutputStream newFile(Path file) throws IOException {
        writable(file);
        return new FilterOutputStream(real.newFile(file)) {
            @Override
            public void write(int b) throws IOException {
                writable(file);
                use(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writable(file);
                use(len);
                out.write(b, off, len);
            }
        };
    }

    @Override
    public void sync(Path path) throws IOException {
        real.sync(path);
    }

    @Override
    public void moveAtomically(Path from, Path to) throws IOException {
        writable(to);
        real.moveAtomically(from, to);
    }

    @Override
    public void deleteTree(Path path) throws IOException {
        writable(path);
        real.deleteTree(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return real.list(dir);
    }

    @Override
    public void replaceFile(Path file, byte[] content) throws IOException {
        writable(file);
        use(content.length);
        real.replaceFile(file, content);
    }

    @Override
    public Appender openAppender(Path file) throws IOException {
        writable(file);
        Appender appender = real.openAppender(file);
        return new Appender() {
            @Override
            public void append(byte[] line) throws IOException {
                writable(file);
                use(line.length);
                appender.append(line);
                if (appends.incrementAndGet() >= appendsBeforeReadOnly) {
                    readOnly = true;
                }
            }

            @Override
            public void close() throws IOException {
                appender.close();
            }
        };
    }

    @Override
    public Closeable lock(Path file) throws IOException {
        return real.lock(file);
    }
}
