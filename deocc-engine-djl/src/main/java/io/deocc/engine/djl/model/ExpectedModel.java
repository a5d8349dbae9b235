package io.deocc.engine.djl.model;

import io.deocc.model.ModelCard;
import io.deocc.model.ModelSignature;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a caller of {@link ModelFiles#load(Path, ExpectedModel, io.deocc.engine.djl.backbone.Backbones,
 * ai.djl.ndarray.NDManager)} can run: a card for its native backbone, and optionally a user's
 * TorchScript network ({@code "backbone": "torchscript"}) whose card declares exactly the signature the
 * caller feeds and reads.
 *
 * <p>A mask completer that feeds RGB + visible mask and reads one logit map declares
 * <pre>{@code
 * ExpectedModel.nativeOrTorchScript("unet", ModelSignature.of(
 *         new TensorSignature("image_and_visible", 4), new TensorSignature("amodal_logits", 1)))
 * }</pre>
 * and then takes a {@code unet} card or a TorchScript card with that signature; either way
 * {@link LoadedModel#block()} is a DJL {@code Block} it forwards the same way.
 *
 * @param backbone the native backbone the caller builds, e.g. {@code unet}; or
 *        {@link ModelCard#TORCHSCRIPT} to take any TorchScript card as its signature declares
 * @param torchScriptSignature the signature a TorchScript card must declare for this caller to take
 *        it; {@link ModelSignature#NONE} when the caller takes no TorchScript card (or, with backbone
 *        {@code torchscript}, any)
 */
public record ExpectedModel(String backbone, ModelSignature torchScriptSignature) {
    private static final Pattern BACKBONE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** Validates the backbone name. */
    public ExpectedModel {
        DeoccException.checkArgument(backbone != null && BACKBONE_NAME.matcher(backbone).matches(), "expected backbone "
                + (backbone == null ? "missing" : "'" + backbone + "'") + " is not a backbone name: give a bound"
                + " name such as 'unet' (lowercase letters, digits and '-')");
        DeoccException.checkNotNull(torchScriptSignature, "torchScriptSignature");
        DeoccException.checkArgument(!(ModelCard.TORCHSCRIPT.equals(backbone) && !torchScriptSignature.isEmpty()),
                "expected backbone 'torchscript' with a signature: use nativeOrTorchScript(<native backbone>,"
                        + " signature), or anyTorchScript() to take the card's own signature");
    }

    /** Only cards of this native backbone; a TorchScript card is refused. */
    public static ExpectedModel nativeOnly(String backbone) {
        return new ExpectedModel(backbone, ModelSignature.NONE);
    }

    /** Cards of this native backbone, or TorchScript cards that declare exactly {@code signature}. */
    public static ExpectedModel nativeOrTorchScript(String backbone, ModelSignature signature) {
        DeoccException.checkNotNull(signature, "signature");
        DeoccException.checkArgument(!signature.isEmpty(), "nativeOrTorchScript needs the signature a TorchScript"
                + " model must have: give its inputs and outputs, or use nativeOnly(backbone)");
        DeoccException.checkArgument(!ModelCard.TORCHSCRIPT.equals(backbone), "nativeOrTorchScript needs a native"
                + " backbone name such as 'unet', not 'torchscript': use anyTorchScript() for any TorchScript card");
        return new ExpectedModel(backbone, signature);
    }

    /** Any TorchScript card, with whatever signature it declares (tools, benchmarks). */
    public static ExpectedModel anyTorchScript() {
        return new ExpectedModel(ModelCard.TORCHSCRIPT, ModelSignature.NONE);
    }

    /** Whether a TorchScript card can be accepted at all. */
    public boolean acceptsTorchScript() {
        return ModelCard.TORCHSCRIPT.equals(backbone) || !torchScriptSignature.isEmpty();
    }

    /**
     * Checks that {@code card} is one this caller runs.
     *
     * @throws DeoccException {@code MODEL_INVALID} naming what the card has, what the caller takes and the fix
     */
    void check(ModelCard card, Path cardFile) {
        if (!card.isTorchScript()) {
            if (!card.backbone().equals(backbone)) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' is for backbone '"
                        + card.backbone() + "' but backbone '" + backbone + "' was requested: load a card made for '"
                        + backbone + "', or request '" + card.backbone() + "'");
            }
            return;
        }
        if (!acceptsTorchScript()) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' is for a TorchScript"
                    + " model (backbone 'torchscript', " + card.signature() + ") but this caller runs backbone '"
                    + backbone + "' only and states no TorchScript signature: give a card for '" + backbone
                    + "', or use a component that accepts TorchScript models");
        }
        if (!torchScriptSignature.isEmpty() && !torchScriptSignature.equals(card.signature())) {
            throw new DeoccException(ErrorCode.MODEL_INVALID, "model card '" + cardFile + "' declares the TorchScript"
                    + " signature " + card.signature() + " but this caller needs " + torchScriptSignature
                    + " (same names, channels and order): export a model with that signature and describe it so"
                    + " in the card's 'signature'");
        }
    }
}
