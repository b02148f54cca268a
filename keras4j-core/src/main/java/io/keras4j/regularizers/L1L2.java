package io.keras4j.regularizers;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code L1L2}: {@code l1 * sum(|x|) + l2 * sum(x²)}, both factors 0 by default. As in
 * Keras, a term whose factor is 0 is left out rather than multiplied by 0 (so an infinite weight
 * does not turn a zero penalty into NaN).
 */
public final class L1L2 extends Regularizer {
    private final double l1;
    private final double l2;

    public L1L2() { this(0.0, 0.0); }

    public L1L2(double l1, double l2) {
        this.l1 = validateFloatArg(l1, "l1");
        this.l2 = validateFloatArg(l2, "l2");
    }

    public double l1() { return l1; }

    public double l2() { return l2; }

    @Override public Tensor call(Tensor x) {
        Tensor penalty = Ops.zeros(Shape.scalar(), x.dtype());
        if (l1 != 0) penalty = Ops.add(penalty, Ops.multiply(Ops.sum(Ops.abs(x)), l1));
        if (l2 != 0) penalty = Ops.add(penalty, Ops.multiply(Ops.sum(Ops.square(x)), l2));
        return penalty;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    /** Keras's {@code from_config}: the regularizer from its config ({@link #getConfig}), as {@code cls(**config)}. */
    public static L1L2 fromConfig(java.util.Map<String, ?> config) {
        return (L1L2) Regularizers.get(java.util.Map.of("class_name", "L1L2", "config", config));
    }
}
