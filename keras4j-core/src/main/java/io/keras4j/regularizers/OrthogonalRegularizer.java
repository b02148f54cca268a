package io.keras4j.regularizers;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code OrthogonalRegularizer}: for a rank-2 weight, L2-normalises its rows
 * ({@code mode="rows"}) or columns, and penalises {@code factor * 0.5 * sum(|off-diagonal dot
 * products|) / (n (n - 1) / 2)}, i.e. {@code factor} times the mean absolute cosine between
 * distinct rows (columns).
 */
public final class OrthogonalRegularizer extends Regularizer {
    // Keras's ops.normalize clamps the squared norm at epsilon² (epsilon = 1e-7) so that zero rows
    // stay finite.
    private static final double SQUARED_EPSILON = 1e-14;

    private final double factor;
    private final String mode;

    public OrthogonalRegularizer() { this(0.01, "rows"); }

    public OrthogonalRegularizer(double factor, String mode) {
        this.factor = validateFloatArg(factor, "factor");
        if (!"rows".equals(mode) && !"columns".equals(mode)) {
            throw new IllegalArgumentException("Invalid value for argument `mode`. Expected one of {\"rows\", \"columns\"}. Received: mode=" + mode);
        }
        this.mode = mode;
    }

    public double factor() { return factor; }

    public String mode() { return mode; }

    @Override public Tensor call(Tensor inputs) {
        if (inputs.rank() != 2) {
            throw new IllegalArgumentException("Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=" + inputs.shape());
        }
        boolean rows = mode.equals("rows");
        Tensor unit = Ops.l2Normalize(inputs, rows ? 1 : 0, SQUARED_EPSILON);
        Tensor product = rows ? Ops.matmul(unit, unit, false, true) : Ops.matmul(unit, unit, true, false);
        int size = inputs.shape().dim(rows ? 0 : 1);
        Tensor offDiagonal = Ops.multiply(product, Ops.subtract(1.0, Ops.eye(size, inputs.dtype())));
        double numPairs = size * (size - 1.0) / 2.0;
        return Ops.divide(Ops.multiply(Ops.sum(Ops.abs(offDiagonal)), factor * 0.5), numPairs);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("factor", factor);
        c.put("mode", mode);
        return c;
    }

    /** Keras's {@code from_config}: the regularizer from its config ({@link #getConfig}), as {@code cls(**config)}. */
    public static OrthogonalRegularizer fromConfig(java.util.Map<String, ?> config) {
        return (OrthogonalRegularizer) Regularizers.get(java.util.Map.of("class_name", "OrthogonalRegularizer", "config", config));
    }
}
