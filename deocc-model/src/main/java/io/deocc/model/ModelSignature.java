package io.deocc.model;

import io.deocc.api.DeoccException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The named inputs and outputs of a TorchScript network, in the order its {@code forward} takes and
 * returns them. Every tensor is {@code batch × channels × S × S} with S the card's input size; the
 * batch is free. Native cards carry {@link #NONE}: their backbone and spec already say everything.
 *
 * @param inputs the positional arguments of {@code forward}; empty only for {@link #NONE}
 * @param outputs the returned tensors (one tensor, or a tuple of them); empty only for {@link #NONE}
 */
public record ModelSignature(List<TensorSignature> inputs, List<TensorSignature> outputs) {
    /** Most inputs, and most outputs, a signature may list. */
    public static final int MAX_TENSORS = 16;
    /** No signature: the card of a native backbone. */
    public static final ModelSignature NONE = new ModelSignature(List.of(), List.of());

    /** Validates and copies: both lists empty or both non-empty, names unique within each list. */
    public ModelSignature {
        DeoccException.checkNotNull(inputs, "signature inputs");
        DeoccException.checkNotNull(outputs, "signature outputs");
        checkList("inputs", inputs);
        checkList("outputs", outputs);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        DeoccException.checkArgument(inputs.isEmpty() == outputs.isEmpty(), "field 'signature' lists "
                + inputs.size() + " inputs and " + outputs.size() + " outputs: a TorchScript signature needs at least"
                + " one of each");
    }

    /** A signature with the given inputs and outputs; both must be non-empty. */
    public static ModelSignature of(List<TensorSignature> inputs, List<TensorSignature> outputs) {
        DeoccException.checkNotNull(inputs, "signature inputs");
        DeoccException.checkArgument(!inputs.isEmpty(), "a TorchScript signature needs at least one input:"
                + " use ModelSignature.NONE for a native card");
        return new ModelSignature(inputs, outputs);
    }

    /** A signature of one input and one output. */
    public static ModelSignature of(TensorSignature input, TensorSignature output) {
        return of(List.of(input), List.of(output));
    }

    /** Whether this is {@link #NONE}. */
    public boolean isEmpty() {
        return inputs.isEmpty();
    }

    /** E.g. {@code inputs [image_and_visible: 4 channels] -> outputs [amodal_logits: 1 channel]}. */
    @Override
    public String toString() {
        return isEmpty() ? "no signature" : "inputs " + inputs + " -> outputs " + outputs;
    }

    private static void checkList(String field, List<TensorSignature> tensors) {
        DeoccException.checkArgument(tensors.size() <= MAX_TENSORS, "field 'signature." + field + "' lists "
                + tensors.size() + " tensors: give at most " + MAX_TENSORS);
        Set<String> names = new HashSet<>();
        for (TensorSignature tensor : tensors) {
            DeoccException.checkArgument(tensor != null, "field 'signature." + field + "' holds a null tensor:"
                    + " give a name and a channel count for each");
            DeoccException.checkArgument(names.add(tensor.name()), "field 'signature." + field + "' names '"
                    + tensor.name() + "' twice: give each tensor its own name");
        }
    }
}
