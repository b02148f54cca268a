package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * The F-beta score, {@code (1 + beta^2) * precision * recall / (beta^2 * precision + recall)}, as
 * {@code keras.metrics.FBetaScore}, for multi-class or multi-label predictions of shape
 * {@code (batch, classes)}.
 * <p>{@code average}: null (default) keeps one score per class (read {@link #resultTensor()});
 * "micro" counts over all classes at once; "macro" averages the class scores; "weighted" averages
 * them weighted by each class's number of true labels. {@code threshold}: a prediction above it is
 * positive; when unset, the largest prediction of each row is (ties all count, an all-zero row has
 * none). Divisions carry Keras's epsilon, 1e-7.
 */
public class FBetaScore extends Metric {
    private String average;
    private double beta = 1.0;
    private Double threshold;
    private boolean built;
    private int numClasses;
    private double[] truePositives, falsePositives, falseNegatives, intermediateWeights;

    public FBetaScore() { super("fbeta_score"); }

    FBetaScore(String name) { super(name); }

    /** null (per-class scores, the default), "micro", "macro" or "weighted". */
    public FBetaScore average(String average) {
        checkNotBuilt("average");
        if (average != null && !Arrays.asList("micro", "macro", "weighted").contains(average)) {
            throw new IllegalArgumentException("Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. "
                    + "Received: average=" + average);
        }
        this.average = average;
        return this;
    }

    /** The weight of recall relative to precision (default 1.0, must be > 0). */
    public FBetaScore beta(double beta) {
        checkNotBuilt("beta");
        if (!(beta > 0)) throw new IllegalArgumentException("Invalid `beta` argument value. It should be > 0. Received: beta=" + beta);
        this.beta = beta;
        return this;
    }

    /** Predictions above this are positive; must satisfy 0 < threshold <= 1. Unset: the row's maximum is positive. */
    public FBetaScore threshold(double threshold) {
        checkNotBuilt("threshold");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold=" + threshold);
        }
        this.threshold = threshold;
        return this;
    }

    public String average() { return average; }

    public double beta() { return beta; }

    /** The threshold, or null when each row's maximum is taken. */
    public Double threshold() { return threshold; }

    private void checkNotBuilt(String argument) {
        if (built) throw new IllegalStateException("Cannot set `" + argument + "` of metric '" + name() + "' after its first updateState");
    }

    private void build(Tensor yTrue, Tensor yPred) {
        if (yPred.rank() != 2 || yTrue.rank() != 2) {
            throw new IllegalArgumentException("FBetaScore expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape="
                    + yPred.shape() + " and y_true.shape=" + yTrue.shape() + ".");
        }
        numClasses = yPred.shape().dim(-1);
        int size = "micro".equals(average) ? 1 : numClasses;
        truePositives = new double[size];
        falsePositives = new double[size];
        falseNegatives = new double[size];
        intermediateWeights = new double[size];
        built = true;
    }

    @Override public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (!built) build(yTrue, yPred);
        if (yPred.rank() != 2 || !yTrue.shape().equals(yPred.shape()) || yPred.shape().dim(1) != numClasses) {
            throw new IllegalArgumentException("Expected `y_true` and `y_pred` of the same shape (batch_size, " + numClasses
                    + "). Received: y_true.shape=" + yTrue.shape() + ", y_pred.shape=" + yPred.shape());
        }
        Values yt = Values.of(yTrue), yp = Values.of(yPred);
        int rows = yp.shape()[0], c = yp.shape()[1];
        double[] w = null;
        if (sampleWeight != null) {
            Values sw = Values.of(sampleWeight);
            while (sw.rank() < 2) sw = sw.expandLast(); // Keras adds the missing trailing axes
            w = sw.broadcastTo(yp.shape(), "sample_weight").data();
        }
        float t = threshold == null ? 0 : (float) threshold.doubleValue();
        for (int r = 0; r < rows; r++) {
            double rowMax = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) rowMax = Math.max(rowMax, yp.data()[r * c + j]);
            for (int j = 0; j < c; j++) {
                int i = r * c + j;
                double p = yp.data()[i];
                // without a threshold, the row's maximum is positive, unless it is (close to) zero
                double pred = (threshold == null ? p >= rowMax && Math.abs(p) > 1e-9 : (float) p > t) ? 1 : 0;
                double truth = yt.data()[i], weight = w == null ? 1 : w[i];
                int k = "micro".equals(average) ? 0 : j;
                truePositives[k] += pred * truth * weight;
                falsePositives[k] += pred * (1 - truth) * weight;
                falseNegatives[k] += (1 - pred) * truth * weight;
                intermediateWeights[k] += truth * weight;
            }
        }
    }

    /** The F-beta score of each class (or the single micro one). */
    private double[] scores() {
        double b2 = beta * beta;
        double[] f = new double[truePositives.length];
        for (int k = 0; k < f.length; k++) {
            double precision = truePositives[k] / (truePositives[k] + falsePositives[k] + EPSILON);
            double recall = truePositives[k] / (truePositives[k] + falseNegatives[k] + EPSILON);
            f[k] = (1 + b2) * precision * recall / (b2 * precision + recall + EPSILON);
        }
        return f;
    }

    @Override public Tensor resultTensor() {
        if (average == null) return vector(built ? scores() : new double[0]);
        return super.resultTensor();
    }

    @Override public double result() {
        if (!built) {
            if (average == null) return single(new double[0], "one score per class");
            return 0;
        }
        double[] f = scores();
        if (average == null) return single(f, "one score per class; set average(\"macro\"), \"micro\" or \"weighted\" for one value");
        if (average.equals("weighted")) {
            double total = Arrays.stream(intermediateWeights).sum() + EPSILON;
            double s = 0;
            for (int k = 0; k < f.length; k++) s += f[k] * intermediateWeights[k] / total;
            return s;
        }
        return Arrays.stream(f).average().orElse(0);
    }

    @Override public void resetState() {
        if (!built) return;
        Arrays.fill(truePositives, 0);
        Arrays.fill(falsePositives, 0);
        Arrays.fill(falseNegatives, 0);
        Arrays.fill(intermediateWeights, 0);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("average", average);
        config.put("beta", beta);
        config.put("threshold", threshold);
        return config;
    }

    /** Keras's {@code from_config}: {@code name}, {@code dtype}, {@code average}, {@code beta}, {@code threshold}. */
    public static FBetaScore fromConfig(Map<String, ?> config) {
        FBetaScore m = configure(new FBetaScore(), config, "average", "beta", "threshold");
        Double beta = number(config, "beta");
        if (beta != null) m.beta(beta);
        return m.withArguments(config);
    }

    /** Sets {@code average} and {@code threshold} from a config (beta is FBetaScore's alone). */
    FBetaScore withArguments(Map<String, ?> config) {
        String average = string(config, "average");
        if (average != null) average(average);
        Double threshold = number(config, "threshold");
        if (threshold != null) threshold(threshold);
        return this;
    }
}
