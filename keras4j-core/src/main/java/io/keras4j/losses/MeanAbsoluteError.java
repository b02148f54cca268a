package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** {@code keras.losses.MeanAbsoluteError}: {@code mean(abs(yTrue - yPred), axis=-1)} per sample. */
public final class MeanAbsoluteError extends Loss {
    public MeanAbsoluteError() { super("mean_absolute_error"); }

    @Override public MeanAbsoluteError name(String name) { super.name(name); return this; }

    @Override public MeanAbsoluteError reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code mean_absolute_error} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(Ops.cast(yTrue, yPred.dtype()), yPred);
        return Ops.mean(Ops.abs(Ops.subtract(tp[0], tp[1])), -1, false);
    }

    public static MeanAbsoluteError fromConfig(Map<String, ?> config) { return configure(new MeanAbsoluteError(), config); }
}
