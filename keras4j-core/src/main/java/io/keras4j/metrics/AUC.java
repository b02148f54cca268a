package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The area under the ROC or precision-recall curve, as {@code keras.metrics.AUC}, approximated from
 * confusion counts at a fixed set of thresholds.
 * <p>By default {@code numThresholds} = 200 thresholds are used: {@code i / (numThresholds - 1)}
 * for i = 1 .. numThresholds - 2, plus {@code -epsilon} and {@code 1 + epsilon} at the ends (epsilon
 * = 1e-7) so that predictions of exactly 0 or 1 fall inside. {@code thresholds(...)} replaces the
 * inner ones. The default "interpolation" summation takes the trapezoid between neighbouring points
 * of the ROC curve and, for PR, interpolates the counts rather than precision (Davis and Goadrich,
 * 2006); "minoring" and "majoring" give lower and upper Riemann sums.
 * <pre>{@code
 * new AUC()                                  // ROC AUC
 * new AUC().curve("PR").numThresholds(500)   // PR AUC
 * new AUC().multiLabel(true)                 // one curve per label, averaged
 * }</pre>
 */
public class AUC extends Metric {
    private int numThresholds = 200;
    private String curve = "ROC";
    private String summationMethod = "interpolation";
    private double[] initThresholds;
    private boolean multiLabel;
    private Integer numLabels;
    private double[] labelWeights;
    private boolean fromLogits;
    private ConfusionCounts counts;

    public AUC() { super("auc"); }

    /** How many thresholds discretize the curve, end points included (default 200, must be > 1). */
    public AUC numThresholds(int numThresholds) {
        checkNotBuilt("num_thresholds");
        if (numThresholds <= 1) {
            throw new IllegalArgumentException("Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=" + numThresholds);
        }
        this.numThresholds = numThresholds;
        return this;
    }

    /** "ROC" (default), "PR" or "PRGAIN" (any case Keras accepts: "roc", "pr", "prgain"). */
    public AUC curve(String curve) {
        checkNotBuilt("curve");
        this.curve = switch (curve == null ? "" : curve) {
            case "ROC", "roc" -> "ROC";
            case "PR", "pr" -> "PR";
            case "PRGAIN", "prgain" -> "PRGAIN";
            default -> throw new IllegalArgumentException("Invalid AUC curve value: \"" + curve + "\". Expected values are [\"PR\", \"ROC\", \"PRGAIN\"]");
        };
        return this;
    }

    /** "interpolation" (default), "minoring" or "majoring" (or capitalized, as Keras accepts). */
    public AUC summationMethod(String summationMethod) {
        checkNotBuilt("summation_method");
        this.summationMethod = switch (summationMethod == null ? "" : summationMethod) {
            case "interpolation", "Interpolation" -> "interpolation";
            case "majoring", "Majoring" -> "majoring";
            case "minoring", "Minoring" -> "minoring";
            default -> throw new IllegalArgumentException("Invalid AUC summation method value: \"" + summationMethod
                    + "\". Expected values are [\"interpolation\", \"majoring\", \"minoring\"]");
        };
        return this;
    }

    /** Explicit inner thresholds (sorted here); {@code numThresholds} becomes their count + 2. */
    public AUC thresholds(double first, double... more) {
        checkNotBuilt("thresholds");
        double[] t = new double[more.length + 1];
        t[0] = first;
        System.arraycopy(more, 0, t, 1, more.length);
        Arrays.sort(t);
        initThresholds = t;
        return this;
    }

    /** Treat each column of a rank-2 y_pred as its own label with its own curve, then average the AUCs (default false). */
    public AUC multiLabel(boolean multiLabel) {
        checkNotBuilt("multi_label");
        this.multiLabel = multiLabel;
        return this;
    }

    /** The number of labels with {@code multiLabel}; otherwise taken from the first batch. */
    public AUC numLabels(int numLabels) {
        checkNotBuilt("num_labels");
        this.numLabels = numLabels;
        return this;
    }

    /**
     * Non-negative per-label weights: with {@code multiLabel} they weight the average of the label
     * AUCs; without, they weight each prediction by the index of its label on the last axis.
     */
    public AUC labelWeights(double... labelWeights) {
        checkNotBuilt("label_weights");
        this.labelWeights = labelWeights.clone();
        return this;
    }

    /** Whether predictions are logits, passed through a sigmoid first (default false). */
    public AUC fromLogits(boolean fromLogits) {
        checkNotBuilt("from_logits");
        this.fromLogits = fromLogits;
        return this;
    }

    /** The thresholds, end points included. */
    public double[] thresholds() {
        int n = initThresholds != null ? initThresholds.length + 2 : numThresholds;
        double[] t = new double[n];
        t[0] = -EPSILON;
        for (int i = 1; i < n - 1; i++) t[i] = initThresholds != null ? initThresholds[i - 1] : (double) i / (numThresholds - 1);
        t[n - 1] = 1 + EPSILON;
        return t;
    }

    private void checkNotBuilt(String argument) {
        if (counts != null) {
            throw new IllegalStateException("Cannot set `" + argument + "` of metric '" + name() + "' after its first updateState");
        }
    }

    private void build(int labels) {
        if (!multiLabel && numLabels != null) {
            throw new IllegalArgumentException("`num_labels` is needed only when `multi_label` is True.");
        }
        boolean evenly = true;
        if (initThresholds != null) {
            double[] withEnds = new double[initThresholds.length + 2];
            System.arraycopy(initThresholds, 0, withEnds, 1, initThresholds.length);
            withEnds[withEnds.length - 1] = 1;
            evenly = ConfusionCounts.evenlySpaced(withEnds);
        }
        counts = new ConfusionCounts(thresholds(), evenly, labels);
    }

    @Override public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (counts == null) {
            int labels = 1;
            if (multiLabel) {
                if (yPred.rank() != 2) {
                    throw new IllegalArgumentException("`y_pred` must have rank 2 when `multi_label=True`. Found rank "
                            + yPred.rank() + ". Full shape received for `y_pred`: " + yPred.shape());
                }
                labels = numLabels != null ? numLabels : yPred.shape().dim(1);
            }
            build(labels);
        }
        if (multiLabel && (yPred.rank() != 2 || yPred.shape().dim(1) != counts.labels)) {
            throw new IllegalArgumentException("Expected `y_pred` of shape (batch_size, " + counts.labels
                    + ") for a multi-label AUC. Received: y_pred.shape=" + yPred.shape());
        }
        if (fromLogits) yPred = sigmoid(yPred);
        counts.update(yTrue, yPred, sampleWeight, null, null, multiLabel, labelWeights);
    }

    private static Tensor sigmoid(Tensor x) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) v[i] = 1 / (1 + Math.exp(-v[i]));
        return Tensor.wrap(v, x.shape());
    }

    @Override public double result() {
        if (counts == null) return 0; // nothing seen: every count is zero, and so is every Keras area
        int labels = counts.labels, n = counts.thresholds.length;
        double[] byLabel = new double[labels];
        for (int label = 0; label < labels; label++) {
            byLabel[label] = curve.equals("PR") && summationMethod.equals("interpolation")
                    ? interpolatedPrAuc(label, n, labels) : riemannSum(label, n, labels);
        }
        if (!multiLabel) return byLabel[0];
        if (labelWeights == null) return Arrays.stream(byLabel).average().orElse(0);
        double num = 0, den = 0;
        for (int l = 0; l < labels; l++) {
            num += byLabel[l] * labelWeights[l];
            den += labelWeights[l];
        }
        return divideNoNan(num, den);
    }

    /** The area under one label's curve as a Riemann sum over the threshold points. */
    private double riemannSum(int label, int n, int labels) {
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i * labels + label;
            double tp = counts.tp[k], fp = counts.fp[k], tn = counts.tn[k], fn = counts.fn[k];
            double recall = divideNoNan(tp, tp + fn);
            switch (curve) {
                case "ROC" -> {
                    x[i] = divideNoNan(fp, fp + tn);
                    y[i] = recall;
                }
                case "PR" -> {
                    x[i] = recall;
                    y[i] = divideNoNan(tp, tp + fp);
                }
                default -> { // PRGAIN: a zero true-positive count gives recall gain 0 and precision gain 1, as Keras
                    double scale = divideNoNan(tp + fn, tn + fp);
                    x[i] = tp == 0 ? 0 : Math.max(1 - scale * divideNoNan(fn, tp), 0);
                    y[i] = tp == 0 ? 1 : 1 - scale * divideNoNan(fp, tp);
                }
            }
        }
        double area = 0;
        for (int i = 0; i < n - 1; i++) {
            double height = switch (summationMethod) {
                case "interpolation" -> (y[i] + y[i + 1]) / 2;
                case "minoring" -> Math.min(y[i], y[i + 1]);
                default -> Math.max(y[i], y[i + 1]);
            };
            area += (x[i] - x[i + 1]) * height;
        }
        return area;
    }

    /**
     * PR AUC with true and false positives interpolated linearly between thresholds (Davis and
     * Goadrich): over each interval precision is (tp_a + slope (p - p_a)) / p, whose integral over
     * recall is slope (dtp + intercept ln(p_a / p_b)) / total positives, in Keras's closed form.
     */
    private double interpolatedPrAuc(int label, int n, int labels) {
        double area = 0;
        for (int i = 0; i < n - 1; i++) {
            int a = i * labels + label, b = a + labels;
            double dtp = counts.tp[a] - counts.tp[b];
            double pa = counts.tp[a] + counts.fp[a], pb = counts.tp[b] + counts.fp[b];
            double slope = divideNoNan(dtp, Math.max(pa - pb, 0));
            double intercept = counts.tp[b] - slope * pb;
            double ratio = pa > 0 && pb > 0 ? divideNoNan(pa, Math.max(pb, 0)) : 1;
            area += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(counts.tp[b] + counts.fn[b], 0));
        }
        return area;
    }

    @Override public void resetState() {
        if (counts != null) counts.reset();
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("num_thresholds", initThresholds != null ? initThresholds.length + 2 : numThresholds);
        config.put("curve", curve);
        config.put("summation_method", summationMethod);
        config.put("multi_label", multiLabel);
        config.put("num_labels", numLabels);
        config.put("label_weights", labelWeights == null ? null : toList(labelWeights));
        config.put("from_logits", fromLogits);
        if (initThresholds != null) config.put("thresholds", toList(initThresholds));
        return config;
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) out.add(v);
        return out;
    }

    /**
     * Keras's {@code from_config}: {@code name}, {@code dtype}, {@code num_thresholds}, {@code curve},
     * {@code summation_method}, {@code thresholds}, {@code multi_label}, {@code num_labels},
     * {@code label_weights}, {@code from_logits}. Explicit thresholds win over {@code num_thresholds}.
     */
    public static AUC fromConfig(Map<String, ?> config) {
        AUC m = configure(new AUC(), config, "num_thresholds", "curve", "summation_method", "thresholds",
                "multi_label", "num_labels", "label_weights", "from_logits");
        Integer n = integer(config, "num_thresholds");
        if (n != null) m.numThresholds(n);
        String curve = string(config, "curve");
        if (curve != null) m.curve(curve);
        String summation = string(config, "summation_method");
        if (summation != null) m.summationMethod(summation);
        double[] t = numbers(config, "thresholds");
        if (t != null && t.length > 0) m.thresholds(t[0], Arrays.copyOfRange(t, 1, t.length));
        Boolean multiLabel = bool(config, "multi_label");
        if (multiLabel != null) m.multiLabel(multiLabel);
        Integer labels = integer(config, "num_labels");
        if (labels != null) m.numLabels(labels);
        double[] w = numbers(config, "label_weights");
        if (w != null) m.labelWeights(w);
        Boolean logits = bool(config, "from_logits");
        if (logits != null) m.fromLogits(logits);
        return m;
    }
}
