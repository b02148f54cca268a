package io.keras4j.layers;

import io.keras4j.tensor.Shape;

import java.util.Map;

/** What a layer accepts, checked before build and call as Keras's {@code InputSpec}. */
public record InputSpec(Integer ndim, Integer minNdim, Map<Integer, Integer> axes) {

    public static InputSpec minNdim(int n) { return new InputSpec(null, n, Map.of()); }

    public static InputSpec ndim(int n) { return new InputSpec(n, null, Map.of()); }

    /** At least {@code n} dims and axis {@code axis} of size {@code size}. */
    public static InputSpec minNdimWithAxis(int n, int axis, int size) { return new InputSpec(null, n, Map.of(axis, size)); }

    /** Fails with Keras's wording when {@code shape} does not fit. */
    public void check(Layer layer, int inputIndex, Shape shape) {
        String prefix = "Input " + inputIndex + " of layer \"" + layer.name() + "\" is incompatible with the layer: ";
        if (ndim != null && shape.rank() != ndim) {
            throw new IllegalArgumentException(prefix + "expected ndim=" + ndim + ", found ndim=" + shape.rank() + ". Full shape received: " + shape);
        }
        if (minNdim != null && shape.rank() < minNdim) {
            throw new IllegalArgumentException(prefix + "expected min_ndim=" + minNdim + ", found ndim=" + shape.rank() + ". Full shape received: " + shape);
        }
        for (Map.Entry<Integer, Integer> e : axes.entrySet()) {
            int axis = e.getKey() < 0 ? shape.rank() + e.getKey() : e.getKey();
            int got = shape.dim(axis);
            if (got != Shape.UNKNOWN && got != e.getValue()) {
                throw new IllegalArgumentException(prefix + "expected axis " + e.getKey() + " of input shape to have value " + e.getValue()
                        + ", but received input with shape " + shape);
            }
        }
    }
}
