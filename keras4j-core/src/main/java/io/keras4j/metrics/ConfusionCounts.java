package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Arrays;

/**
 * Weighted true/false positive/negative counts at each of a set of thresholds, the state behind
 * {@link Precision}, {@link Recall} and {@link AUC}; Keras's
 * {@code metrics_utils.update_confusion_matrix_variables}. A prediction is positive at threshold
 * {@code t} when it is strictly greater than {@code t}; a label is positive when it is not 0.
 * Counts are indexed {@code [threshold * labels + label]}, where {@code labels} is 1 unless
 * multi-label AUC keeps one curve per label.
 */
final class ConfusionCounts {
    /** Keras's stand-in for minus infinity: the threshold used with top_k and the value of filtered predictions. */
    static final double NEG_INF = -1e10;

    final double[] thresholds;
    final int labels;
    final double[] tp, fp, tn, fn;
    private final boolean evenlySpaced;
    private final boolean withEpsilon;

    /**
     * {@code evenlySpaced}: the thresholds are {@code i / (n - 1)} (up to the end points), which
     * lets each prediction be dropped into its bucket in one step instead of being compared with
     * every threshold, as Keras's optimized path does (clipping predictions to [0, 1] first).
     */
    ConfusionCounts(double[] thresholds, boolean evenlySpaced, int labels) {
        this.thresholds = thresholds.clone();
        this.evenlySpaced = evenlySpaced;
        this.withEpsilon = thresholds[0] < 0 || thresholds[thresholds.length - 1] > 1;
        this.labels = labels;
        int n = thresholds.length * labels;
        tp = new double[n];
        fp = new double[n];
        tn = new double[n];
        fn = new double[n];
    }

    void reset() {
        Arrays.fill(tp, 0);
        Arrays.fill(fp, 0);
        Arrays.fill(tn, 0);
        Arrays.fill(fn, 0);
    }

    /**
     * Adds one batch. {@code topK} and {@code classId} may be null; {@code labelWeights} (nullable)
     * weight the entries of y_pred's last axis when not {@code multiLabel}.
     */
    void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight, Integer topK, Integer classId,
                boolean multiLabel, double[] labelWeights) {
        Values[] same = Values.sameRank(Values.of(yPred), Values.of(yTrue), true);
        Values yp = same[0], yt = same[1];
        Values w = null;
        if (sampleWeight != null) {
            // Keras gives the weights a trailing axis and lets the rank rule take it back when it is not needed
            w = Values.sameRank(yt, Values.of(sampleWeight).expandLast(), false)[1];
        }
        if (topK != null) yp = filterTopK(yp, topK);
        if (classId != null) {
            if (yp.rank() == 1) {
                throw new IllegalArgumentException("When class_id is provided, y_pred must be a 2D array with shape "
                        + "(num_samples, num_classes), found shape: " + yp.shapeString());
            }
            yt = sliceLast(yt, classId, "y_true");
            yp = sliceLast(yp, classId, "y_pred");
        }
        if (!Arrays.equals(yt.shape(), yp.shape())) {
            throw new IllegalArgumentException("Arguments `y_true` and `y_pred` must have the same shape. Received: y_true.shape="
                    + yt.shapeString() + ", y_pred.shape=" + yp.shapeString());
        }
        double[] weights = w == null ? null : w.broadcastTo(yp.shape(), "sample_weight").data().clone();
        if (labelWeights != null && !multiLabel) {
            double[] lw = new Values(labelWeights, new int[] {1, labelWeights.length}).broadcastTo(yp.shape(), "label_weights").data();
            if (weights == null) weights = lw.clone();
            else for (int i = 0; i < weights.length; i++) weights[i] *= lw[i];
        }
        if (evenlySpaced) accumulateBuckets(yt.data(), yp.data(), weights);
        else accumulateDirect(yt.data(), yp.data(), weights);
    }

    /** Compares every prediction with every threshold, in float32 as Keras's variables are. */
    private void accumulateDirect(double[] yt, double[] yp, double[] w) {
        int nt = thresholds.length;
        float[] t = new float[nt];
        for (int j = 0; j < nt; j++) t[j] = (float) thresholds[j];
        for (int i = 0; i < yp.length; i++) {
            int label = i % labels;
            double weight = w == null ? 1 : w[i];
            boolean positive = yt[i] != 0;
            float p = (float) yp[i];
            for (int j = 0; j < nt; j++) {
                int k = j * labels + label;
                if (p > t[j]) {
                    if (positive) tp[k] += weight;
                    else fp[k] += weight;
                } else {
                    if (positive) fn[k] += weight;
                    else tn[k] += weight;
                }
            }
        }
    }

    /**
     * Keras's bucket path: with thresholds {@code i / (n - 1)}, a prediction p in (t_b, t_b+1]
     * lands in bucket {@code b = ceil(p * (n - 1)) - 1} and is positive at thresholds 0..b, so a
     * reversed cumulative sum of the buckets gives the positives at every threshold in O(N + T).
     * With epsilon end points every prediction in [0, 1] clears the first threshold, so bucket -1
     * becomes 0; without them it is dropped.
     */
    private void accumulateBuckets(double[] yt, double[] yp, double[] w) {
        int nt = thresholds.length;
        double[] tpBucket = new double[nt * labels], fpBucket = new double[nt * labels];
        double[] positives = new double[labels], negatives = new double[labels];
        float steps = nt - 1;
        for (int i = 0; i < yp.length; i++) {
            int label = i % labels;
            double weight = w == null ? 1 : w[i];
            boolean positive = yt[i] != 0;
            if (positive) positives[label] += weight;
            else negatives[label] += weight;
            float p = (float) Math.min(Math.max(yp[i], 0), 1);
            int bucket = (int) Math.ceil(p * steps) - 1;
            if (withEpsilon) bucket = Math.max(bucket, 0);
            if (bucket < 0 || bucket >= nt) continue;
            if (positive) tpBucket[bucket * labels + label] += weight;
            else fpBucket[bucket * labels + label] += weight;
        }
        for (int label = 0; label < labels; label++) {
            double truePos = 0, falsePos = 0;
            for (int j = nt - 1; j >= 0; j--) {
                int k = j * labels + label;
                truePos += tpBucket[k];
                falsePos += fpBucket[k];
                tp[k] += truePos;
                fp[k] += falsePos;
                fn[k] += positives[label] - truePos;
                tn[k] += negatives[label] - falsePos;
            }
        }
    }

    /** Keeps the k largest entries of each row of the last axis (the earlier one wins a tie) and sets the rest to NEG_INF. */
    static Values filterTopK(Values x, int k) {
        int c = x.lastDim();
        if (k > c) {
            throw new IllegalArgumentException("Argument `top_k` must be at most the size of the last axis of y_pred. Received: top_k="
                    + k + ", y_pred.shape=" + x.shapeString());
        }
        double[] out = new double[x.size()];
        Arrays.fill(out, NEG_INF);
        boolean[] taken = new boolean[c];
        for (int base = 0; base < out.length; base += c) {
            Arrays.fill(taken, false);
            for (int round = 0; round < k; round++) {
                int best = -1;
                for (int j = 0; j < c; j++) {
                    if (!taken[j] && (best < 0 || x.data()[base + j] > x.data()[base + best])) best = j;
                }
                taken[best] = true;
                out[base + best] = x.data()[base + best];
            }
        }
        return new Values(out, x.shape());
    }

    /** {@code x[..., index, None]}: one entry of the last axis, keeping the axis. */
    private static Values sliceLast(Values x, int index, String what) {
        int c = x.lastDim();
        if (index < 0 || index >= c) {
            throw new IllegalArgumentException("Argument `class_id` must be in [0, " + c + ") for " + what + " of shape "
                    + x.shapeString() + ". Received: class_id=" + index);
        }
        double[] out = new double[c == 0 ? 0 : x.size() / c];
        for (int r = 0; r < out.length; r++) out[r] = x.data()[r * c + index];
        int[] shape = x.shape().clone();
        shape[shape.length - 1] = 1;
        return new Values(out, shape);
    }

    /** Keras's {@code assert_thresholds_range}. */
    static double[] checkRange(double[] thresholds) {
        for (double t : thresholds) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("Threshold values must be in [0, 1]. Received: " + Arrays.toString(thresholds));
            }
        }
        return thresholds.clone();
    }

    /** Keras's {@code is_evenly_distributed_thresholds}: at least 3 values, each close to {@code i / (n - 1)}. */
    static boolean evenlySpaced(double[] thresholds) {
        int n = thresholds.length;
        if (n < 3) return false;
        for (int i = 0; i < n; i++) {
            float even = (float) i / (n - 1);
            // np.allclose with its default tolerances, atol set to epsilon
            if (!(Math.abs(thresholds[i] - even) <= Metric.EPSILON + 1e-5 * Math.abs(even))) return false;
        }
        return true;
    }
}
