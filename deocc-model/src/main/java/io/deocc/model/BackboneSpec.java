package io.deocc.model;

import io.deocc.api.DeoccException;

/**
 * What a backbone is asked to build: channels in and out, the number of resolution levels below the
 * input ({@code depth}) and a width multiplier. Validated on construction.
 *
 * @param inputChannels channels of the input tensor (e.g. 4 for RGB + visible mask)
 * @param outputChannels channels of the output logits (e.g. 1 for a sigmoid mask, 2 for a softmax mask)
 * @param depth number of 2× down-samplings, 1 to {@link #MAX_DEPTH}
 * @param width width multiplier w, 1 to {@link #MAX_WIDTH} (the paper's reference is 4 at 256 px)
 */
public record BackboneSpec(int inputChannels, int outputChannels, int depth, int width) {
    /** Largest accepted channel count for input or output. */
    public static final int MAX_CHANNELS = 1024;
    /** Largest accepted depth; 2^6 = 64 already needs inputs of at least 64 px. */
    public static final int MAX_DEPTH = 6;
    /** Largest accepted width multiplier. */
    public static final int MAX_WIDTH = 16;

    /** Validates every field. */
    public BackboneSpec {
        checkRange("inputChannels", inputChannels, 1, MAX_CHANNELS);
        checkRange("outputChannels", outputChannels, 1, MAX_CHANNELS);
        checkRange("depth", depth, 1, MAX_DEPTH);
        checkRange("width", width, 1, MAX_WIDTH);
    }

    /** The factor that input heights and widths must be a multiple of: 2^depth. */
    public int sizeMultiple() {
        return 1 << depth;
    }

    private static void checkRange(String name, int value, int min, int max) {
        DeoccException.checkArgument(value >= min && value <= max,
                "backbone " + name + " " + value + " is out of range: give a value from " + min + " to " + max);
    }
}
