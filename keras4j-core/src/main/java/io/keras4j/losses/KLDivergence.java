package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.KLDivergence}: {@code sum(yTrue * log(yTrue / yPred), axis=-1)} per sample,
 * with both clipped to [epsilon, 1] first.
 */
public final class KLDivergence extends Loss {
    public KLDivergence() { super("kl_divergence"); }

    @Override public KLDivergence name(String name) { super.name(name); return this; }

    @Override public KLDivergence reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code kl_divergence} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor t = Ops.clip(Ops.cast(yTrue, yPred.dtype()), EPSILON, 1);
        Tensor p = Ops.clip(yPred, EPSILON, 1);
        return Ops.sum(Ops.multiply(t, Ops.log(Ops.divide(t, p))), -1, false);
    }

    public static KLDivergence fromConfig(Map<String, ?> config) { return configure(new KLDivergence(), config); }
}
