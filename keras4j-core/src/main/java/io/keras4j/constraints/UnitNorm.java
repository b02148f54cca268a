package io.keras4j.constraints;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code UnitNorm}: {@code w / (epsilon + norm)}, the norm taken over {@code axis}
 * (default 0: each column of a Dense kernel; {@code [0, 1, 2]} for each Conv2D filter).
 */
public final class UnitNorm extends Constraint {
    private final int[] axes;
    private final boolean singleAxis;

    public UnitNorm() { this(0); }

    public UnitNorm(int axis) { this((Object) axis); }

    public UnitNorm(int... axes) { this((Object) axes); }

    /** An axis given as Keras's config holds it: an integer or a list of integers. */
    public UnitNorm(Object axis) {
        this.axes = axes(axis);
        this.singleAxis = !(axis instanceof int[] || axis instanceof java.util.List);
    }

    public int[] axis() { return axes.clone(); }

    @Override public Tensor apply(Tensor w) { return Ops.divide(w, Ops.add(norms(w, axes), EPSILON)); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axisConfig(axes, singleAxis));
        return c;
    }

    /** Keras's {@code from_config}: the constraint from its config ({@link #getConfig}), as {@code cls(**config)}. */
    public static UnitNorm fromConfig(java.util.Map<String, ?> config) {
        return (UnitNorm) Constraints.get(java.util.Map.of("class_name", "UnitNorm", "config", config));
    }
}
