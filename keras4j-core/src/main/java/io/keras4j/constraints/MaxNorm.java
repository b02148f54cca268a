package io.keras4j.constraints;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code MaxNorm}: rescales each slice along {@code axis} (default 0) whose L2 norm
 * exceeds {@code max_value} (default 2) to that norm: {@code w * clip(n, 0, max) / (epsilon + n)}.
 * Slices within the bound shrink by the factor {@code n / (epsilon + n)} only, as in Keras.
 */
public final class MaxNorm extends Constraint {
    private final double maxValue;
    private final int[] axes;
    private final boolean singleAxis;

    public MaxNorm() { this(2, 0); }

    public MaxNorm(double maxValue) { this(maxValue, 0); }

    public MaxNorm(double maxValue, int axis) { this(maxValue, (Object) axis); }

    public MaxNorm(double maxValue, int... axes) { this(maxValue, (Object) axes); }

    /** An axis given as Keras's config holds it: an integer or a list of integers. */
    public MaxNorm(double maxValue, Object axis) {
        this.maxValue = maxValue;
        this.axes = axes(axis);
        this.singleAxis = !(axis instanceof int[] || axis instanceof java.util.List);
    }

    public double maxValue() { return maxValue; }

    public int[] axis() { return axes.clone(); }

    @Override public Tensor apply(Tensor w) {
        Tensor n = norms(w, axes);
        Tensor desired = Ops.clip(n, 0, maxValue);
        return Ops.multiply(w, Ops.divide(desired, Ops.add(n, EPSILON)));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("max_value", maxValue);
        c.put("axis", axisConfig(axes, singleAxis));
        return c;
    }

    /** Keras's {@code from_config}: the constraint from its config ({@link #getConfig}), as {@code cls(**config)}. */
    public static MaxNorm fromConfig(java.util.Map<String, ?> config) {
        return (MaxNorm) Constraints.get(java.util.Map.of("class_name", "MaxNorm", "config", config));
    }
}
