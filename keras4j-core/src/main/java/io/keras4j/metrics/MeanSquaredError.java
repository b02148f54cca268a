package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * The mean squared error between labels and predictions, as {@code keras.metrics.MeanSquaredError}:
 * each sample's value is {@code mean((y_true - y_pred)^2, axis=-1)}, averaged over samples. As in
 * Keras, rank-1 inputs are one sample each batch (the last axis is the one averaged).
 */
public class MeanSquaredError extends MeanMetricWrapper {
    public MeanSquaredError() { super("mean_squared_error"); }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values[] same = Values.sameRank(Values.of(yTrue), Values.of(yPred), true);
        return Values.map2(same[0], same[1], (t, p) -> (t - p) * (t - p)).meanLast();
    }

    /** Keras's {@code from_config}: the config holds only {@code name} and {@code dtype}. */
    public static MeanSquaredError fromConfig(Map<String, ?> config) { return configure(new MeanSquaredError(), config); }
}
