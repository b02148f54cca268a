package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Repeats each time step {@code size} times (Keras's {@code UpSampling1D}, default 2). */
public final class UpSampling1D extends Layer {
    private int size = 2;

    public UpSampling1D() { inputSpec = InputSpec.ndim(3); }

    public UpSampling1D size(int value) {
        if (value <= 0) throw new IllegalArgumentException("Argument `size` should be a positive integer. Received: size=" + value);
        this.size = value;
        return this;
    }

    /** numpy's {@code repeat(x, times, axis)}: each slice along the axis {@code times} times in a row, as a gather. */
    static Tensor repeat(Tensor x, int times, int axis) {
        if (times == 1) return x;
        int n = x.shape().dim(axis);
        int[] idx = new int[n * times];
        for (int i = 0; i < idx.length; i++) idx[i] = i / times;
        return Ops.take(x, Tensor.ofInts(idx, idx.length), axis);
    }

    /** From a Keras config: {@code size}. */
    public static UpSampling1D fromConfig(Layers.Config c) { return new UpSampling1D().size(c.integer("size", 2)); }

    @Override public Tensor call(Tensor inputs, boolean training) { return repeat(inputs, size, 1); }

    @Override public Shape computeOutputShape(Shape s) {
        return s.withDim(1, s.dim(1) == Shape.UNKNOWN ? Shape.UNKNOWN : s.dim(1) * size);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("size", size);
        return c;
    }
}
