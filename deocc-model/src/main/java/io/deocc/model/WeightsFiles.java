package io.deocc.model;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ties a card to its weights file: where the file is, and that its bytes are the ones the card's
 * SHA-256 names. Every engine checks a model this way before its runtime reads a byte of it.
 */
public final class WeightsFiles {
    private WeightsFiles() {
    }

    /**
     * The weights file a saved card names, beside the card, after checking that it exists and that its
     * SHA-256 is the card's.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for an unsaved card; {@code FILE_NOT_FOUND} when the
     *     file is missing; {@code MODEL_INVALID} when its hash differs
     */
    public static Path verified(Path cardFile, ModelCard card) {
        DeoccException.checkNotNull(cardFile, "cardFile");
        DeoccException.checkNotNull(card, "card");
        DeoccException.checkArgument(card.isSaved(), "model card '" + cardFile + "' names no weights file: save the"
                + " model first");
        Path weights = cardFile.toAbsolutePath().resolveSibling(card.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "weights file '" + weights + "' named by model card '"
                    + cardFile + "' does not exist: put the " + card.weightsFile().substring(card.weightsFile().lastIndexOf('.'))
                    + " file beside its card, or re-export the pair");
        }
        String actual = hash(weights);
        if (!actual.equals(card.weightsSha256())) {
            throw mismatch(weights, cardFile, actual, card.weightsSha256());
        }
        return weights;
    }

    /** The lowercase hex SHA-256 of a file's bytes. */
    public static String hash(Path file) {
        DeoccException.checkNotNull(file, "file");
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot read '" + file + "' (" + e
                    + "): check the file's permissions", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The lowercase hex SHA-256 of bytes in memory. */
    public static String hash(byte[] bytes) {
        DeoccException.checkNotNull(bytes, "bytes");
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The error for weights whose hash is not the card's. */
    public static DeoccException mismatch(Path weights, Path cardFile, String actual, String expected) {
        return new DeoccException(ErrorCode.MODEL_INVALID, "weights '" + weights + "' (SHA-256 " + actual
                + ") do not match the card's SHA-256 " + expected + " in '" + cardFile + "': the file was changed or"
                + " truncated; re-export or re-download the pair");
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new DeoccException(ErrorCode.INTERNAL, "this JVM has no SHA-256: use a standard Java 17 runtime", e);
        }
    }
}
