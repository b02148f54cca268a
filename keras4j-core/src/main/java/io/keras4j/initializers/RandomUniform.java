package io.keras4j.initializers;

import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Uniform values in [{@code minval}, {@code maxval}) (default -0.05, 0.05), as {@code keras.initializers.RandomUniform}. */
public final class RandomUniform extends RandomInitializer {
    private final double minval;
    private final double maxval;

    public RandomUniform() { this(-0.05, 0.05, null); }

    public RandomUniform(double minval, double maxval) { this(minval, maxval, null); }

    public RandomUniform(double minval, double maxval, Long seed) {
        super(seed);
        this.minval = minval;
        this.maxval = maxval;
    }

    public double minval() { return minval; }

    public double maxval() { return maxval; }

    @Override public Tensor generate(Shape shape, DType dtype) {
        return Random.uniform(shape, minval, maxval, dtype, effectiveSeed());
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("minval", minval);
        c.put("maxval", maxval);
        return c;
    }
}
