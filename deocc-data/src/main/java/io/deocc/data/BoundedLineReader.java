package io.deocc.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line without ever holding more than one bounded line: a line longer than the
 * limit is consumed to its end and reported as too long, so a manifest without line breaks cannot
 * exhaust memory. Line numbers are 1-based.
 */
final class BoundedLineReader implements AutoCloseable {
    /** One line, or the fact that it was too long. */
    record Line(long number, String text, boolean tooLong, long length) {}

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long lineNumber;
    private boolean eof;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
    Line next() throws IOException {
        if (eof && position >= limit) {
            return null;
        }
        StringBuilder text = new StringBuilder(Math.min(256, maxChars));
        long length = 0;
        boolean any = false;
        while (true) {
            if (position >= limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                break;
            }
            if (length < maxChars) {
                text.append(c);
            }
            length++;
        }
        lineNumber++;
        if (length > maxChars) {
            return new Line(lineNumber, "", true, length);
        }
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') {
            text.setLength(end - 1);
        }
        if (lineNumber == 1 && text.length() > 0 && text.charAt(0) == '\uFEFF') {
            text.deleteCharAt(0); // a byte-order mark some editors put first
        }
        return new Line(lineNumber, text.toString(), false, length);
    }

    /** Lines returned so far. */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
