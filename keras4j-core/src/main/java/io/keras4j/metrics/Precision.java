package io.keras4j.metrics;

import java.util.Map;

/**
 * The precision of the predictions, {@code tp / (tp + fp)}, as {@code keras.metrics.Precision}.
 * <pre>{@code
 * new Precision()                       // predictions > 0.5 are positive
 * new Precision().thresholds(0.3, 0.7)  // one precision per threshold (read resultTensor())
 * new Precision().topK(2)               // the 2 highest predictions of each sample are positive
 * new Precision().classId(1)            // precision of class 1 alone
 * }</pre>
 * With {@code topK} and {@code classId} together, class {@code classId} counts as predicted when it
 * is among the top k. An empty denominator gives 0.
 */
public class Precision extends ConfusionMatrixMetric<Precision> {
    public Precision() { super("precision"); }

    @Override double[] perThreshold() {
        ConfusionCounts c = counts();
        double[] out = new double[c.thresholds.length];
        for (int i = 0; i < out.length; i++) out[i] = divideNoNan(c.tp[i], c.tp[i] + c.fp[i]);
        return out;
    }

    /** Keras's {@code from_config}: {@code name}, {@code dtype}, {@code thresholds}, {@code top_k}, {@code class_id}. */
    public static Precision fromConfig(Map<String, ?> config) { return configure(new Precision(), config, KEYS).withArguments(config); }
}
