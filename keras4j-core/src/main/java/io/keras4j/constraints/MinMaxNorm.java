package io.keras4j.constraints;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code MinMaxNorm}: moves the L2 norm {@code n} of each slice along {@code axis} towards
 * {@code [min_value, max_value]}: {@code w * (rate * clip(n, min, max) + (1 - rate) * n) / (epsilon + n)}.
 * Defaults min_value=0, max_value=1, rate=1 (strict), axis=0.
 */
public final class MinMaxNorm extends Constraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int[] axes;
    private final boolean singleAxis;

    public MinMaxNorm() { this(0.0, 1.0, 1.0, 0); }

    public MinMaxNorm(double minValue, double maxValue) { this(minValue, maxValue, 1.0, 0); }

    public MinMaxNorm(double minValue, double maxValue, double rate, int axis) { this(minValue, maxValue, rate, (Object) axis); }

    /** An axis given as Keras's config holds it: an integer, a list of integers, or an int[]. */
    public MinMaxNorm(double minValue, double maxValue, double rate, Object axis) {
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
        this.axes = axes(axis);
        this.singleAxis = !(axis instanceof int[] || axis instanceof java.util.List);
    }

    public double minValue() { return minValue; }

    public double maxValue() { return maxValue; }

    public double rate() { return rate; }

    public int[] axis() { return axes.clone(); }

    @Override public Tensor apply(Tensor w) {
        Tensor n = norms(w, axes);
        Tensor desired = Ops.add(Ops.multiply(Ops.clip(n, minValue, maxValue), rate), Ops.multiply(n, 1 - rate));
        return Ops.multiply(w, Ops.divide(desired, Ops.add(n, EPSILON)));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("min_value", minValue);
        c.put("max_value", maxValue);
        c.put("rate", rate);
        c.put("axis", axisConfig(axes, singleAxis));
        return c;
    }

    /** Keras's {@code from_config}: the constraint from its config ({@link #getConfig}), as {@code cls(**config)}. */
    public static MinMaxNorm fromConfig(java.util.Map<String, ?> config) {
        return (MinMaxNorm) Constraints.get(java.util.Map.of("class_name", "MinMaxNorm", "config", config));
    }
}
