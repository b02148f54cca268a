package io.keras4j.regularizers;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keras's {@code L1}: {@code l1 * sum(|x|)}; {@code l1} defaults to 0.01. */
public final class L1 extends Regularizer {
    private final double l1;

    public L1() { this(0.01); }

    public L1(double l1) { this.l1 = validateFloatArg(l1, "l1"); }

    public double l1() { return l1; }

    @Override public Tensor call(Tensor x) { return Ops.multiply(Ops.sum(Ops.abs(x)), l1); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        return c;
    }

    /** Keras's {@code from_config}: the regularizer from its config ({@link #getConfig}), as {@code cls(**config)}. */
    public static L1 fromConfig(java.util.Map<String, ?> config) {
        return (L1) Regularizers.get(java.util.Map.of("class_name", "L1", "config", config));
    }
}
