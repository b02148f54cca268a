package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** {@code keras.losses.Poisson}: {@code mean(yPred - yTrue * log(yPred + epsilon), axis=-1)} per sample. */
public final class Poisson extends Loss {
    public Poisson() { super("poisson"); }

    @Override public Poisson name(String name) { super.name(name); return this; }

    @Override public Poisson reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code poisson} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor t = Ops.cast(yTrue, yPred.dtype());
        return Ops.mean(Ops.subtract(yPred, Ops.multiply(t, Ops.log(Ops.add(yPred, EPSILON)))), -1, false);
    }

    public static Poisson fromConfig(Map<String, ?> config) { return configure(new Poisson(), config); }
}
