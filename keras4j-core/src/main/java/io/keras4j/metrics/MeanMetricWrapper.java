package io.keras4j.metrics;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.tensor.Tensor;

/**
 * A metric that averages a per-sample function of labels and predictions, as Keras's
 * {@code MeanMetricWrapper(fn)}: subclasses give {@link #values}, and the (weighted) mean of those
 * values over every batch seen is the result.
 * <pre>{@code
 * Metric squaredLog = new MeanMetricWrapper("squared_log") {
 *     protected Tensor values(Tensor yTrue, Tensor yPred) {
 *         return Ops.mean(Ops.square(Ops.subtract(Ops.log1p(yTrue), Ops.log1p(yPred))), -1);
 *     }
 * };
 * }</pre>
 */
public abstract class MeanMetricWrapper extends Metric {
    // Composition rather than Keras's inheritance from Mean: Mean's updateState takes (values, weights).
    private final Mean mean = new Mean();

    protected MeanMetricWrapper(String name) { super(name); }

    /** The metric's value for each sample (any shape whose leading axis is the batch). */
    protected abstract Tensor values(Tensor yTrue, Tensor yPred);

    /**
     * The per-sample values as doubles. The metrics of this package override it to compute in plain
     * loops (and implement {@link #values} on top of it); custom ones go through {@link #values}.
     */
    Values samplewise(Tensor yTrue, Tensor yPred) {
        return Values.of(GradientTape.stopRecording(() -> values(yTrue, yPred)));
    }

    @Override public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Values v = samplewise(yTrue, yPred);
        mean.accumulate(v, sampleWeight == null ? null : Values.of(sampleWeight));
    }

    @Override public double result() { return mean.result(); }

    @Override public void resetState() { mean.resetState(); }
}
