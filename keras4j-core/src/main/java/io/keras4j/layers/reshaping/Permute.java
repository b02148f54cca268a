package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/** Reorders the non-batch axes (Keras's {@code Permute}); {@code dims} counts from 1, as Keras, since the batch axis stays first. */
public final class Permute extends Layer {
    private final int[] dims;

    public Permute(int... dims) {
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims="
                        + ArgumentValidation.pythonTuple(dims));
            }
        }
        this.dims = dims.clone();
        inputSpec = InputSpec.ndim(dims.length + 1);
    }

    /** From a Keras config: {@code dims}. */
    public static Permute fromConfig(Layers.Config c) { return new Permute(c.ints("dims")); }

    @Override public Tensor call(Tensor inputs, boolean training) {
        int[] perm = new int[dims.length + 1];
        System.arraycopy(dims, 0, perm, 1, dims.length);
        return Ops.transpose(inputs, perm);
    }

    @Override public Shape computeOutputShape(Shape s) {
        int[] d = new int[dims.length + 1];
        d[0] = s.dim(0);
        for (int i = 0; i < dims.length; i++) d[i + 1] = s.dim(dims[i]);
        return Shape.of(d);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("dims", ArgumentValidation.list(dims));
        return c;
    }
}
