package io.keras4j.initializers;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code gain} (default 1) times the identity matrix, ones on the main diagonal of a possibly
 * non-square 2D shape, as {@code keras.initializers.Identity}.
 */
public final class Identity implements Initializer {
    private final double gain;

    public Identity() { this(1.0); }

    public Identity(double gain) { this.gain = gain; }

    public double gain() { return gain; }

    @Override public Tensor generate(Shape shape, DType dtype) {
        if (shape.rank() != 2) {
            throw new IllegalArgumentException("Identity matrix initializer can only be used for 2D matrices. Received: shape="
                    + shape + " of rank " + shape.rank() + ".");
        }
        int n = shape.dim(0), m = shape.dim(1);
        double[] d = new double[n * m];
        for (int i = 0; i < Math.min(n, m); i++) d[i * m + i] = gain;
        return Ops.cast(Tensor.of(d, n, m), dtype);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("gain", gain);
        return c;
    }

    @Override public String toString() { return "Identity" + getConfig(); }
}
