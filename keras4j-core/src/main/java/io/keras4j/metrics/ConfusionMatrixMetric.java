package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@link Precision} and {@link Recall} share: Keras's {@code thresholds}, {@code top_k} and
 * {@code class_id} arguments and the confusion counts they configure. The counts are made when
 * first needed, so the setters may come in any order; after that they fail.
 */
abstract class ConfusionMatrixMetric<M extends ConfusionMatrixMetric<M>> extends Metric {
    private double[] initThresholds;
    private Integer topK;
    private Integer classId;
    private ConfusionCounts counts;

    ConfusionMatrixMetric(String name) { super(name); }

    @SuppressWarnings("unchecked")
    private M self() { return (M) this; }

    /**
     * One or more thresholds in [0, 1]: a prediction above a threshold counts as positive. One
     * result is kept per threshold. Default 0.5, or, with {@link #topK}, no threshold at all.
     */
    public M thresholds(double first, double... more) {
        checkNotBuilt("thresholds");
        double[] t = new double[more.length + 1];
        t[0] = first;
        System.arraycopy(more, 0, t, 1, more.length);
        initThresholds = ConfusionCounts.checkRange(t);
        return self();
    }

    /** Only the k highest predictions of each sample can be positive. */
    public M topK(int k) {
        checkNotBuilt("top_k");
        if (k < 1) throw new IllegalArgumentException("Argument `top_k` must be a positive integer. Received: top_k=" + k);
        topK = k;
        return self();
    }

    /** Count only this class (an index of y_pred's last axis), as a binary problem. */
    public M classId(int classId) {
        checkNotBuilt("class_id");
        if (classId < 0) throw new IllegalArgumentException("Argument `class_id` must be a non-negative integer. Received: class_id=" + classId);
        this.classId = classId;
        return self();
    }

    /** The thresholds in use. */
    public double[] thresholds() { return effectiveThresholds().clone(); }

    private double[] effectiveThresholds() {
        return initThresholds != null ? initThresholds : new double[] {topK == null ? 0.5 : ConfusionCounts.NEG_INF};
    }

    private void checkNotBuilt(String argument) {
        if (counts != null) {
            throw new IllegalStateException("Cannot set `" + argument + "` of metric '" + name() + "' after its first updateState");
        }
    }

    /** The counts so far; all zero (and not yet fixing the arguments) before the first update. */
    ConfusionCounts counts() {
        return counts != null ? counts : newCounts();
    }

    private ConfusionCounts newCounts() {
        double[] t = effectiveThresholds();
        return new ConfusionCounts(t, ConfusionCounts.evenlySpaced(t), 1);
    }

    @Override public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (counts == null) counts = newCounts();
        counts.update(yTrue, yPred, sampleWeight, topK, classId, false, null);
    }

    /** The metric at each threshold. */
    abstract double[] perThreshold();

    @Override public double result() { return single(perThreshold(), "one value per threshold"); }

    @Override public Tensor resultTensor() {
        double[] r = perThreshold();
        return r.length == 1 ? super.resultTensor() : vector(r);
    }

    @Override public void resetState() {
        if (counts != null) counts.reset();
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        Object t = null;
        if (initThresholds != null && initThresholds.length == 1) t = initThresholds[0];
        else if (initThresholds != null) {
            List<Double> list = new ArrayList<>();
            for (double v : initThresholds) list.add(v);
            t = list;
        }
        config.put("thresholds", t);
        config.put("top_k", topK);
        config.put("class_id", classId);
        return config;
    }

    /** The config keys of Precision and Recall besides name and dtype. */
    static final String[] KEYS = {"thresholds", "top_k", "class_id"};

    /** Sets {@code thresholds}, {@code top_k} and {@code class_id} from a config, for the subclasses' {@code fromConfig}. */
    M withArguments(Map<String, ?> config) {
        double[] t = numbers(config, "thresholds");
        if (t != null && t.length == 0) {
            throw new IllegalArgumentException("Argument `thresholds` must hold at least one value. Received: thresholds=" + config.get("thresholds"));
        }
        if (t != null) thresholds(t[0], Arrays.copyOfRange(t, 1, t.length));
        Integer k = integer(config, "top_k");
        if (k != null) topK(k);
        Integer c = integer(config, "class_id");
        if (c != null) classId(c);
        return self();
    }
}
