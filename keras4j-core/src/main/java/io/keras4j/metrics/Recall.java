package io.keras4j.metrics;

import java.util.Map;

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

    /** Keras's {@code from_config}: {@code name}, {@code dtype}, {@code thresholds}, {@code top_k}, {@code class_id}. */
    public static Recall fromConfig(Map<String, ?> config) { return configure(new Recall(), config, KEYS).withArguments(config); }
}
