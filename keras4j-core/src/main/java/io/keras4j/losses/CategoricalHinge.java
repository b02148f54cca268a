package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.CategoricalHinge}: {@code max(neg - pos + 1, 0)} per sample, with
 * {@code pos = sum(yTrue * yPred)} and {@code neg = max((1 - yTrue) * yPred)} over the last axis.
 */
public final class CategoricalHinge extends Loss {
    public CategoricalHinge() { super("categorical_hinge"); }

    @Override public CategoricalHinge name(String name) { super.name(name); return this; }

    @Override public CategoricalHinge reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code categorical_hinge} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor t = Ops.cast(yTrue, yPred.dtype());
        Tensor pos = Ops.sum(Ops.multiply(t, yPred), -1, false);
        Tensor neg = Ops.max(Ops.multiply(Ops.subtract(1.0, t), yPred), -1, false);
        return Ops.maximum(Ops.add(Ops.subtract(neg, pos), 1.0), 0.0);
    }

    public static CategoricalHinge fromConfig(Map<String, ?> config) { return configure(new CategoricalHinge(), config); }
}
