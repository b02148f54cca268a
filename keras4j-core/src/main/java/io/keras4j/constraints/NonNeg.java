package io.keras4j.constraints;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

/** Keras's {@code NonNeg}: {@code maximum(w, 0)}. */
public final class NonNeg extends Constraint {
    @Override public Tensor apply(Tensor w) { return Ops.maximum(w, 0.0); }

    /** Keras's {@code from_config}: the constraint from its config ({@link #getConfig}), as {@code cls(**config)}. */
    public static NonNeg fromConfig(java.util.Map<String, ?> config) {
        return (NonNeg) Constraints.get(java.util.Map.of("class_name", "NonNeg", "config", config));
    }
}
