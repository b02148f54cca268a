package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * How often the one-hot label's class is among the {@code k} highest predictions (k = 5 by
 * default), as {@code keras.metrics.TopKCategoricalAccuracy}. Ties at the k-th place count as in
 * the top k, as Keras's {@code ops.in_top_k}.
 */
public class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private int k = 5;

    public TopKCategoricalAccuracy() { super("top_k_categorical_accuracy"); }

    /** How many of the top predictions to look at (default 5). */
    public TopKCategoricalAccuracy k(int k) {
        this.k = k;
        return this;
    }

    public int k() { return k; }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values yt = Values.of(yTrue), yp = Values.of(yPred);
        int[] labels = yt.argmaxRows();
        checkRows(labels.length, yt, yp);
        double[] out = new double[labels.length];
        int c = yp.lastDim();
        for (int i = 0; i < out.length; i++) out[i] = inTopK(yp.data(), i * c, c, labels[i], k) ? 1 : 0;
        return new Values(out, yt.leadingShape());
    }

    /**
     * Keras's {@code in_top_k} for one row: the label's rank is one plus the number of strictly
     * larger predictions; a NaN prediction for the label ranks last, and a label outside the row is
     * never in the top k.
     */
    static boolean inTopK(double[] p, int base, int c, int label, int k) {
        if (label < 0 || label >= c) return false;
        double target = p[base + label];
        if (Double.isNaN(target)) target = Double.NEGATIVE_INFINITY;
        int larger = 0;
        for (int j = 0; j < c; j++) if (p[base + j] > target) larger++;
        return larger < k;
    }

    static void checkRows(int labels, Values yt, Values yp) {
        int c = yp.lastDim();
        if (c == 0 || labels != yp.size() / c) {
            throw new IllegalArgumentException("Arguments `y_true` and `y_pred` must hold the same number of samples. Received: y_true.shape="
                    + yt.shapeString() + ", y_pred.shape=" + yp.shapeString());
        }
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("k", k);
        return config;
    }

    /** Keras's {@code from_config}: {@code name}, {@code dtype}, {@code k}. */
    public static TopKCategoricalAccuracy fromConfig(Map<String, ?> config) {
        TopKCategoricalAccuracy m = configure(new TopKCategoricalAccuracy(), config, "k");
        Integer k = integer(config, "k");
        return k == null ? m : m.k(k);
    }
}
