package io.deocc.engine.onnx.internal;

import io.deocc.api.DeoccException;

/**
 * One input or output a component expects of an ONNX graph: its name and, for N×C×H×W tensors, its
 * channel count ({@link #ANY_CHANNELS} when the component does not depend on it).
 *
 * @param name the tensor's name in the graph
 * @param channels the channel dimension, or {@link #ANY_CHANNELS}
 */
record Port(String name, int channels) {
    /** The channel count is not checked (e.g. a VAE's latent outputs, which the stages do not read). */
    static final int ANY_CHANNELS = 0;

    Port {
        DeoccException.checkArgument(name != null && !name.isBlank(), "a port needs a name");
        DeoccException.checkArgument(channels >= 0, "port '" + name + "' has " + channels + " channels");
    }

    /** Text for messages, e.g. {@code input[4 channels]}. */
    String describe() {
        return channels == ANY_CHANNELS ? name : name + "[" + channels + " channels]";
    }
}
