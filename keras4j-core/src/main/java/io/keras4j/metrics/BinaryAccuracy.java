package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * How often predictions match binary labels, as {@code keras.metrics.BinaryAccuracy}: a prediction
 * counts as 1 when it is strictly greater than {@code threshold} (0.5 by default), else as 0, and
 * must then equal the label.
 */
public class BinaryAccuracy extends MeanMetricWrapper {
    private double threshold = 0.5;

    public BinaryAccuracy() { super("binary_accuracy"); }

    /** The value above which a prediction means 1 (default 0.5); use 0 for logits. */
    public BinaryAccuracy threshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    public double threshold() { return threshold; }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values[] same = Values.sameRank(Values.of(yTrue), Values.of(yPred), true);
        // Keras compares against the threshold as a float32 tensor
        double t = (float) threshold;
        return Values.map2(same[0], same[1], (label, p) -> label == (p > t ? 1 : 0) ? 1 : 0);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("threshold", threshold);
        return config;
    }

    /** Keras's {@code from_config}: {@code name}, {@code dtype}, {@code threshold}. */
    public static BinaryAccuracy fromConfig(Map<String, ?> config) {
        BinaryAccuracy m = configure(new BinaryAccuracy(), config, "threshold");
        Double t = number(config, "threshold");
        return t == null ? m : m.threshold(t);
    }
}
