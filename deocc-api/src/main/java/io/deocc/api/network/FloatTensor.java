package io.deocc.api.network;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order (for images: N×C×H×W), the engine-neutral form in which the
 * stages' pre- and post-processing hand inputs to a network and read its outputs back. Engines convert
 * it to and from their own arrays.
 *
 * <p>Immutable: the values are copied in and never handed out; read them with {@link #get(int)} or
 * {@link #copyValues()}.
 */
public final class FloatTensor {
    /** Largest number of elements (2^31 − 9, the largest Java array). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8L;

    private final long[] shape;
    private final float[] values;

    private FloatTensor(long[] shape, float[] values) {
        this.shape = shape;
        this.values = values;
    }

    /**
     * A tensor of the given shape holding a copy of {@code values}.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} for a null or empty shape, a dimension below 1, or
     *     {@code SIZE_MISMATCH} when the shape's element count is not the number of values
     */
    public static FloatTensor of(float[] values, long... shape) {
        DeoccException.checkNotNull(values, "values");
        long count = elements(shape);
        if (count != values.length) {
            throw new DeoccException(ErrorCode.SIZE_MISMATCH, "shape " + Arrays.toString(shape) + " holds " + count
                    + " values but " + values.length + " were given: give one value per element");
        }
        return new FloatTensor(shape.clone(), values.clone());
    }

    /** The number of elements of a shape, after checking it. */
    static long elements(long[] shape) {
        DeoccException.checkNotNull(shape, "shape");
        DeoccException.checkArgument(shape.length >= 1, "a tensor shape needs at least one dimension");
        long count = 1;
        for (long dim : shape) {
            DeoccException.checkArgument(dim >= 1, "tensor shape " + Arrays.toString(shape)
                    + " has a dimension below 1: give positive sizes");
            DeoccException.checkArgument(count <= MAX_ELEMENTS / dim, "tensor shape " + Arrays.toString(shape)
                    + " has more than " + MAX_ELEMENTS + " elements: use smaller inputs");
            count *= dim;
        }
        return count;
    }

    /** The shape, outermost dimension first (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code axis}. */
    public long dim(int axis) {
        return shape[axis];
    }

    /** Whether the shape is exactly {@code expected}. */
    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }

    /** The number of elements. */
    public int size() {
        return values.length;
    }

    /** The element at a row-major index. */
    public float get(int index) {
        return values[index];
    }

    /** A copy of the values, row-major. */
    public float[] copyValues() {
        return values.clone();
    }

    /** {@code length} values from {@code offset}, row-major (e.g. one plane of an N×C×H×W tensor). */
    public float[] copyValues(int offset, int length) {
        return Arrays.copyOfRange(values, offset, offset + length);
    }

    /** The shape as text, e.g. {@code [1, 4, 256, 256]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloatTensor tensor && Arrays.equals(shape, tensor.shape) && Arrays.equals(values, tensor.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor" + shapeText();
    }
}
