package io.deocc.model;

import io.deocc.api.DeoccException;
import java.util.regex.Pattern;

/**
 * One named tensor a TorchScript network takes or returns: {@code batch × channels × S × S}, where S
 * is the card's input size and the batch is free.
 *
 * @param name what the tensor holds, e.g. {@code image_and_visible}: lowercase letters, digits and
 *        {@code _}, starting with a letter (no dots: DJL reads dotted array names as dictionary keys)
 * @param channels the channel count, 1 to {@link BackboneSpec#MAX_CHANNELS}
 */
public record TensorSignature(String name, int channels) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Validates the name and the channel count. */
    public TensorSignature {
        DeoccException.checkArgument(name != null && NAME.matcher(name).matches(), "tensor name "
                + (name == null ? "missing" : "'" + name + "'") + " is not valid: give lowercase letters, digits"
                + " and '_', starting with a letter, at most 64 characters (e.g. 'amodal_logits')");
        DeoccException.checkArgument(channels >= 1 && channels <= BackboneSpec.MAX_CHANNELS, "tensor '" + name
                + "' has " + channels + " channels: give 1 to " + BackboneSpec.MAX_CHANNELS);
    }

    /** E.g. {@code amodal_logits: 1 channel}. */
    @Override
    public String toString() {
        return name + ": " + channels + (channels == 1 ? " channel" : " channels");
    }
}
