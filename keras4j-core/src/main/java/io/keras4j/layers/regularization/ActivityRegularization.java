package io.keras4j.layers.regularization;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code ActivityRegularization}: passes its input through unchanged and records the
 * penalty {@code (l1 * sum(|x|) + l2 * sum(x^2)) / batch_size} of it, which Keras adds to the
 * model's loss (Keras 3 divides by the batch size so that the strength does not depend on it)
 * through {@link #addLoss}; {@link #lastPenalty()} holds the penalty of the last call.
 */
public final class ActivityRegularization extends Layer {
    private double l1 = 0.0;
    private double l2 = 0.0;
    private Tensor lastPenalty;

    public ActivityRegularization() {}

    public ActivityRegularization l1(double value) {
        this.l1 = value;
        return this;
    }

    public ActivityRegularization l2(double value) {
        this.l2 = value;
        return this;
    }

    /** The penalty of the input of the last call, or null before the first call. */
    public Tensor lastPenalty() { return lastPenalty; }

    /** From a Keras config: {@code l1}, {@code l2}. */
    public static ActivityRegularization fromConfig(Layers.Config c) {
        return new ActivityRegularization().l1(c.number("l1", 0.0)).l2(c.number("l2", 0.0));
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        // Keras's L1L2 regularizer: the terms with a zero factor are left out, not multiplied by 0.
        Tensor penalty = Ops.zeros(Shape.scalar(), inputs.dtype());
        if (l1 != 0) penalty = Ops.add(penalty, Ops.multiply(Ops.sum(Ops.abs(inputs)), l1));
        if (l2 != 0) penalty = Ops.add(penalty, Ops.multiply(Ops.sum(Ops.square(inputs)), l2));
        if (inputs.rank() > 0) {
            int batch = inputs.shape().dim(0);
            // divide_no_nan: an empty batch has no penalty.
            penalty = batch == 0 ? Ops.multiply(penalty, 0.0) : Ops.divide(penalty, batch);
        }
        lastPenalty = penalty;
        addLoss(penalty);
        return inputs;
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }
}
