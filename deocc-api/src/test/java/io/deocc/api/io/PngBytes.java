package io.deocc.api.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Builds PNG files byte by byte, so that tests can make headers that no encoder would write (a
 * 0x0 image, a huge size with almost no data) while keeping every chunk CRC valid.
 */
final class PngBytes {
    static final int GREY = 0;
    static final int RGB = 2;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private PngBytes() {
        bytes.writeBytes(SIGNATURE);
    }

    /** A PNG that starts with an IHDR for a {@code width x height} non-interlaced image. */
    static PngBytes withHeader(long width, long height, int bitDepth, int colourType) {
        PngBytes png = new PngBytes();
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = (byte) bitDepth;
        ihdr[9] = (byte) colourType;
        // compression, filter and interlace methods all 0
        png.chunk("IHDR", ihdr);
        return png;
    }

    /** Appends an IDAT holding {@code scanlines} (each row: filter byte, then samples) compressed with zlib. */
    PngBytes imageData(byte[] scanlines) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed)) {
            zlib.write(scanlines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chunk("IDAT", compressed.toByteArray());
    }

    PngBytes end() {
        return chunk("IEND", new byte[0]);
    }

    PngBytes chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] crcBytes = new byte[4];
        putInt(crcBytes, 0, crc.getValue());
        bytes.writeBytes(length);
        bytes.writeBytes(typeBytes);
        bytes.writeBytes(data);
        bytes.writeBytes(crcBytes);
        return this;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    Path writeTo(Path file) throws IOException {
        return Files.write(file, toByteArray());
    }

    private static void putInt(byte[] target, int offset, long value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }
}
