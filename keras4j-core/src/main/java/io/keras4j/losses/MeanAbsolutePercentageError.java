package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.MeanAbsolutePercentageError}:
 * {@code 100 * mean(abs((yTrue - yPred) / max(abs(yTrue), epsilon)), axis=-1)} per sample.
 */
public final class MeanAbsolutePercentageError extends Loss {
    public MeanAbsolutePercentageError() { super("mean_absolute_percentage_error"); }

    @Override public MeanAbsolutePercentageError name(String name) { super.name(name); return this; }

    @Override public MeanAbsolutePercentageError reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code mean_absolute_percentage_error} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(Ops.cast(yTrue, yPred.dtype()), yPred);
        Tensor t = tp[0], p = tp[1];
        Tensor diff = Ops.abs(Ops.divide(Ops.subtract(t, p), Ops.maximum(Ops.abs(t), EPSILON)));
        return Ops.multiply(Ops.mean(diff, -1, false), 100.0);
    }

    public static MeanAbsolutePercentageError fromConfig(Map<String, ?> config) {
        return configure(new MeanAbsolutePercentageError(), config);
    }
}
