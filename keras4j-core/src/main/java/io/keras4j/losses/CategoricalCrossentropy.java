package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.CategoricalCrossentropy}: {@code -sum(yTrue * log(yPred), axis)} per sample,
 * for one-hot labels. Probabilities are renormalised to sum to 1 along {@code axis} and clipped to
 * [epsilon, 1 - epsilon]; logits go through a stable log-softmax.
 */
public final class CategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    public CategoricalCrossentropy() { super("categorical_crossentropy"); }

    @Override public CategoricalCrossentropy name(String name) { super.name(name); return this; }

    @Override public CategoricalCrossentropy reduction(String reduction) { super.reduction(reduction); return this; }

    /** Whether yPred holds logits rather than probabilities (default false). */
    public CategoricalCrossentropy fromLogits(boolean fromLogits) { this.fromLogits = fromLogits; return this; }

    public boolean fromLogits() { return fromLogits; }

    /** In [0, 1]: labels become {@code y (1 - s) + s / numClasses} (default 0). */
    public CategoricalCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = BinaryCrossentropy.checkLabelSmoothing(labelSmoothing);
        return this;
    }

    public double labelSmoothing() { return labelSmoothing; }

    /** The classes axis (default -1). */
    public CategoricalCrossentropy axis(int axis) { this.axis = axis; return this; }

    public int axis() { return axis; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1], fromLogits, labelSmoothing, axis);
    }

    /** Keras's {@code categorical_crossentropy} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing, int axis) {
        Tensor t = Ops.cast(yTrue, yPred.dtype());
        if (yPred.rank() < 1 || !t.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException("Arguments `target` and `output` must have the same shape and be at least rank 1. "
                    + "Received: target.shape=" + t.shape() + ", output.shape=" + yPred.shape());
        }
        if (labelSmoothing != 0) {
            int numClasses = yPred.shape().dim(axis);
            t = Ops.add(Ops.multiply(t, 1 - labelSmoothing), labelSmoothing / numClasses);
        }
        return Ops.negative(Ops.sum(Ops.multiply(t, logProbabilities(yPred, fromLogits, axis)), axis, false));
    }

    /** log p along axis: log-softmax of logits, or log of the renormalised, clipped probabilities. */
    static Tensor logProbabilities(Tensor yPred, boolean fromLogits, int axis) {
        if (fromLogits) return Ops.logSoftmax(yPred, axis);
        Tensor p = Ops.divide(yPred, Ops.sum(yPred, axis, true));
        return Ops.log(Ops.clip(p, EPSILON, 1 - EPSILON));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
        return config;
    }

    public static CategoricalCrossentropy fromConfig(Map<String, ?> config) {
        return configure(new CategoricalCrossentropy(), config)
                .fromLogits(Boolean.TRUE.equals(config.get("from_logits")))
                .labelSmoothing(number(config, "label_smoothing", 0))
                .axis((int) number(config, "axis", -1));
    }
}
