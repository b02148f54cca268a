package io.keras4j.regularizers;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keras's {@code L2}: {@code l2 * sum(x²)}; {@code l2} defaults to 0.01. */
public final class L2 extends Regularizer {
    private final double l2;

    public L2() { this(0.01); }

    public L2(double l2) { this.l2 = validateFloatArg(l2, "l2"); }

    public double l2() { return l2; }

    @Override public Tensor call(Tensor x) { return Ops.multiply(Ops.sum(Ops.square(x)), l2); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l2", l2);
        return c;
    }

    /** Keras's {@code from_config}: the regularizer from its config ({@link #getConfig}), as {@code cls(**config)}. */
    public static L2 fromConfig(java.util.Map<String, ?> config) {
        return (L2) Regularizers.get(java.util.Map.of("class_name", "L2", "config", config));
    }
}
