package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.Huber}: per element {@code 0.5 * e^2} where {@code |e| <= delta}, else
 * {@code delta * |e| - 0.5 * delta^2}, with {@code e = yPred - yTrue}; the mean over the last axis.
 */
public final class Huber extends Loss {
    private double delta = 1.0;

    public Huber() { super("huber_loss"); }

    @Override public Huber name(String name) { super.name(name); return this; }

    @Override public Huber reduction(String reduction) { super.reduction(reduction); return this; }

    /** Where the loss turns from quadratic to linear (default 1). */
    public Huber delta(double delta) { this.delta = delta; return this; }

    public double delta() { return delta; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1], delta);
    }

    /** Keras's {@code huber} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred, double delta) {
        Tensor[] tp = squeezeOrExpandToSameRank(Ops.cast(yTrue, yPred.dtype()), yPred);
        Tensor error = Ops.subtract(tp[1], tp[0]);
        Tensor absError = Ops.abs(error);
        Tensor quadratic = Ops.multiply(Ops.square(error), 0.5);
        Tensor linear = Ops.subtract(Ops.multiply(absError, delta), 0.5 * delta * delta);
        return Ops.mean(Ops.where(Ops.lessEqual(absError, delta), quadratic, linear), -1, false);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("delta", delta);
        return config;
    }

    public static Huber fromConfig(Map<String, ?> config) {
        return configure(new Huber(), config).delta(number(config, "delta", 1.0));
    }
}
