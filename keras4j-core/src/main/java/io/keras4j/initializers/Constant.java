package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every element equal to {@code value} (default 0), as {@code keras.initializers.Constant}. */
public final class Constant implements Initializer {
    private final double value;

    public Constant() { this(0.0); }

    public Constant(double value) { this.value = value; }

    public double value() { return value; }

    @Override public Tensor generate(Shape shape, DType dtype) { return Tensor.full(shape, value, dtype); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("value", value);
        return c;
    }

    @Override public String toString() { return "Constant" + getConfig(); }
}
