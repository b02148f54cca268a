package io.keras4j.metrics;

/**
 * The recall of the predictions, {@code tp / (tp + fn)}, as {@code keras.metrics.Recall}.
 * Thresholds, {@code topK} and {@code classId} work as in {@link Precision}. An empty denominator
 * gives 0.
 */
public class Recall extends ConfusionMatrixMetric<Recall> {
    public Recall() { super("recall"); }

    @Override double[] perThreshold() {
        ConfusionCounts c = counts();
        double[] out = new double[c.thresholds.length];
        for (int i = 0; i < out.length; i++) out[i] = divideNoNan(c.tp[i], c.tp[i] + c.fn[i]);
        return out;
    }
}
