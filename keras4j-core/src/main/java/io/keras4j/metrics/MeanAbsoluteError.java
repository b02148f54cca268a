package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * The mean absolute error between labels and predictions, as {@code keras.metrics.MeanAbsoluteError}:
 * each sample's value is {@code mean(|y_true - y_pred|, axis=-1)}, averaged over samples.
 */
public class MeanAbsoluteError extends MeanMetricWrapper {
    public MeanAbsoluteError() { super("mean_absolute_error"); }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values[] same = Values.sameRank(Values.of(yTrue), Values.of(yPred), true);
        return Values.map2(same[0], same[1], (t, p) -> Math.abs(t - p)).meanLast();
    }

    /** Keras's {@code from_config}: the config holds only {@code name} and {@code dtype}. */
    public static MeanAbsoluteError fromConfig(Map<String, ?> config) { return configure(new MeanAbsoluteError(), config); }
}
