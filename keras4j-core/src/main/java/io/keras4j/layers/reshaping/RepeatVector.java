package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Repeats a {@code (batch, features)} input {@code n} times into {@code (batch, n, features)} (Keras's {@code RepeatVector}). */
public final class RepeatVector extends Layer {
    private final int n;

    public RepeatVector(int n) {
        if (n <= 0) throw new IllegalArgumentException("Argument `n` should be a positive integer. Received: n=" + n);
        this.n = n;
        inputSpec = InputSpec.ndim(2);
    }

    public int n() { return n; }

    /** From a Keras config: {@code n}. */
    public static RepeatVector fromConfig(Layers.Config c) {
        if (!c.has("n")) throw new IllegalArgumentException("RepeatVector.__init__() missing 1 required positional argument: 'n'");
        return new RepeatVector(c.integer("n", 0));
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Shape s = inputs.shape();
        return Ops.broadcastTo(Ops.expandDims(inputs, 1), Shape.of(s.dim(0), n, s.dim(1)));
    }

    @Override public Shape computeOutputShape(Shape s) { return Shape.of(s.dim(0), n, s.dim(1)); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("n", n);
        return c;
    }
}
