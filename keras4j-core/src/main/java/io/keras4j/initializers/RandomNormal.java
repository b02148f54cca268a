package io.keras4j.initializers;

import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Normal values with {@code mean} (default 0) and {@code stddev} (default 0.05), as {@code keras.initializers.RandomNormal}. */
public final class RandomNormal extends RandomInitializer {
    private final double mean;
    private final double stddev;

    public RandomNormal() { this(0.0, 0.05, null); }

    public RandomNormal(double mean, double stddev) { this(mean, stddev, null); }

    public RandomNormal(double mean, double stddev, Long seed) {
        super(seed);
        this.mean = mean;
        this.stddev = stddev;
    }

    public double mean() { return mean; }

    public double stddev() { return stddev; }

    @Override public Tensor generate(Shape shape, DType dtype) {
        return Random.normal(shape, mean, stddev, dtype, effectiveSeed());
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("mean", mean);
        c.put("stddev", stddev);
        return c;
    }
}
