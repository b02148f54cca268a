package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * How often an integer label is among the {@code k} highest predictions (k = 5 by default), as
 * {@code keras.metrics.SparseTopKCategoricalAccuracy}. With {@code fromSortedIds(true)} the
 * predictions are instead class ids sorted from best to worst, and the label must be among the
 * first {@code k} of them.
 */
public class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
    private int k = 5;
    private boolean fromSortedIds;

    public SparseTopKCategoricalAccuracy() { super("sparse_top_k_categorical_accuracy"); }

    /** How many of the top predictions to look at (default 5). */
    public SparseTopKCategoricalAccuracy k(int k) {
        this.k = k;
        return this;
    }

    public int k() { return k; }

    /** Whether y_pred holds class ids sorted by score rather than one score per class (default false). */
    public SparseTopKCategoricalAccuracy fromSortedIds(boolean fromSortedIds) {
        this.fromSortedIds = fromSortedIds;
        return this;
    }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values yt = Values.of(yTrue), yp = Values.of(yPred);
        TopKCategoricalAccuracy.checkRows(yt.size(), yt, yp);
        int c = yp.lastDim();
        double[] out = new double[yt.size()];
        for (int i = 0; i < out.length; i++) {
            double label = yt.data()[i];
            boolean hit = false;
            if (fromSortedIds) {
                for (int j = 0; j < Math.min(k, c) && !hit; j++) hit = yp.data()[i * c + j] == label;
            } else {
                // Keras casts the labels to int32, truncating any fraction
                hit = TopKCategoricalAccuracy.inTopK(yp.data(), i * c, c, (int) label, k);
            }
            out[i] = hit ? 1 : 0;
        }
        return new Values(out, yt.shape());
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("k", k);
        if (fromSortedIds) config.put("from_sorted_ids", true);
        return config;
    }

    /** Keras's {@code from_config}: {@code name}, {@code dtype}, {@code k}, {@code from_sorted_ids}. */
    public static SparseTopKCategoricalAccuracy fromConfig(Map<String, ?> config) {
        SparseTopKCategoricalAccuracy m = configure(new SparseTopKCategoricalAccuracy(), config, "k", "from_sorted_ids");
        Integer k = integer(config, "k");
        if (k != null) m.k(k);
        Boolean sorted = bool(config, "from_sorted_ids");
        return sorted == null ? m : m.fromSortedIds(sorted);
    }
}
