package io.keras4j.initializers;

import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Normal values with {@code mean} (default 0) and {@code stddev} (default 0.05), redrawn when more
 * than two standard deviations from the mean, as {@code keras.initializers.TruncatedNormal}.
 * ({@code stddev} is that of the normal before truncation.)
 */
public final class TruncatedNormal extends RandomInitializer {
    private final double mean;
    private final double stddev;

    public TruncatedNormal() { this(0.0, 0.05, null); }

    public TruncatedNormal(double mean, double stddev) { this(mean, stddev, null); }

    public TruncatedNormal(double mean, double stddev, Long seed) {
        super(seed);
        this.mean = mean;
        this.stddev = stddev;
    }

    public double mean() { return mean; }

    public double stddev() { return stddev; }

    @Override public Tensor generate(Shape shape, DType dtype) {
        return Random.truncatedNormal(shape, mean, stddev, dtype, effectiveSeed());
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("mean", mean);
        c.put("stddev", stddev);
        return c;
    }
}
