package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * The (weighted) sum of the values it is given, as {@code keras.metrics.Sum}: for values
 * {@code [1, 3, 5, 7]} it is 16, and with sample weights {@code [1, 1, 0, 0]} it is 4. Like
 * {@link Mean} it takes values, not labels and predictions.
 */
public class Sum extends Metric {
    private double total;

    public Sum() { super("sum"); }

    public void updateState(Tensor values) { updateState(values, (Tensor) null); }

    /** Adds {@code values}, weighted by {@code sampleWeight} (nullable), to the running sum. */
    @Override public void updateState(Tensor values, Tensor sampleWeight) {
        Values w = sampleWeight == null ? null : Values.of(sampleWeight);
        total += Mean.samplewise(Values.of(values), w, false)[0].sum();
    }

    /** Sum has no labels: Keras's {@code Sum.update_state} takes only values and sample weights. */
    @Override public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new UnsupportedOperationException("Metric '" + name() + "' (" + className()
                + ") takes values and sample_weight, not (y_true, y_pred, sample_weight): call updateState(values, sampleWeight)");
    }

    @Override public double result() { return total; }

    @Override public void resetState() { total = 0; }

    /** Keras's {@code from_config}: the config holds only {@code name} and {@code dtype}. */
    public static Sum fromConfig(Map<String, ?> config) { return configure(new Sum(), config); }
}
