package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * The root of the (weighted) mean squared error, as {@code keras.metrics.RootMeanSquaredError}.
 * The squared errors go to the running mean as they are (no mean over the last axis first, unlike
 * {@link MeanSquaredError}), so rank-1 inputs count one sample per element; the square root is
 * taken only when the result is read.
 */
public class RootMeanSquaredError extends MeanMetricWrapper {
    public RootMeanSquaredError() { super("root_mean_squared_error"); }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values[] same = Values.sameRank(Values.of(yTrue), Values.of(yPred), true);
        return Values.map2(same[0], same[1], (t, p) -> (p - t) * (p - t));
    }

    @Override public double result() { return Math.sqrt(super.result()); }

    /** Keras's {@code from_config}: the config holds only {@code name} and {@code dtype}. */
    public static RootMeanSquaredError fromConfig(Map<String, ?> config) { return configure(new RootMeanSquaredError(), config); }
}
