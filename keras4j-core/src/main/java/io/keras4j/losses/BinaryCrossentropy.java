package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.BinaryCrossentropy}: {@code -(y log p + (1 - y) log(1 - p))} per element,
 * averaged over {@code axis}. Probabilities are clipped to [epsilon, 1 - epsilon]; logits use the
 * stable {@code max(x, 0) - x y + log(1 + exp(-|x|))}.
 */
public final class BinaryCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    public BinaryCrossentropy() { super("binary_crossentropy"); }

    @Override public BinaryCrossentropy name(String name) { super.name(name); return this; }

    @Override public BinaryCrossentropy reduction(String reduction) { super.reduction(reduction); return this; }

    /** Whether yPred holds logits rather than probabilities (default false). */
    public BinaryCrossentropy fromLogits(boolean fromLogits) { this.fromLogits = fromLogits; return this; }

    public boolean fromLogits() { return fromLogits; }

    /** In [0, 1]: squeezes the labels towards 0.5, {@code y (1 - s) + s / 2} (default 0). */
    public BinaryCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = checkLabelSmoothing(labelSmoothing);
        return this;
    }

    public double labelSmoothing() { return labelSmoothing; }

    /** The axis the element losses are averaged over (default -1). */
    public BinaryCrossentropy axis(int axis) { this.axis = axis; return this; }

    public int axis() { return axis; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1], fromLogits, labelSmoothing, axis);
    }

    /** Keras's {@code binary_crossentropy} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing, int axis) {
        Tensor t = Ops.cast(yTrue, yPred.dtype());
        if (labelSmoothing != 0) t = Ops.add(Ops.multiply(t, 1 - labelSmoothing), 0.5 * labelSmoothing);
        if (!t.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException("Arguments `target` and `output` must have the same shape. Received: target.shape="
                    + t.shape() + ", output.shape=" + yPred.shape());
        }
        return Ops.mean(fromLogits ? withLogits(t, yPred) : withProbabilities(t, yPred), axis, false);
    }

    private static Tensor withProbabilities(Tensor t, Tensor p) {
        Tensor clipped = Ops.clip(p, EPSILON, 1 - EPSILON);
        Tensor positive = Ops.multiply(t, Ops.log(clipped));
        Tensor negative = Ops.multiply(Ops.subtract(1.0, t), Ops.log(Ops.subtract(1.0, clipped)));
        return Ops.negative(Ops.add(positive, negative));
    }

    /**
     * max(x, 0) - x t + log1p(exp(-|x|)), TensorFlow's sigmoid_cross_entropy_with_logits. The max and
     * |x| are selections on x >= 0 so that at x = 0 their derivatives (1 and -1) add up to the true
     * slope sigmoid(0) - t; relu and abs would both give 0 there.
     */
    private static Tensor withLogits(Tensor t, Tensor x) {
        Tensor nonNegative = Ops.greaterEqual(x, 0.0);
        Tensor relu = Ops.where(nonNegative, x, 0.0);
        Tensor negAbs = Ops.where(nonNegative, Ops.negative(x), x);
        return Ops.add(Ops.subtract(relu, Ops.multiply(x, t)), Ops.log1p(Ops.exp(negAbs)));
    }

    static double checkLabelSmoothing(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("Received an invalid value for argument `label_smoothing`, expected a float in [0, 1]. "
                    + "Received: label_smoothing=" + s);
        }
        return s;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
        return config;
    }

    public static BinaryCrossentropy fromConfig(Map<String, ?> config) {
        return configure(new BinaryCrossentropy(), config)
                .fromLogits(Boolean.TRUE.equals(config.get("from_logits")))
                .labelSmoothing(number(config, "label_smoothing", 0))
                .axis((int) number(config, "axis", -1));
    }
}
