package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.MeanSquaredLogarithmicError}:
 * {@code mean(square(log(max(yPred, eps) + 1) - log(max(yTrue, eps) + 1)), axis=-1)} per sample.
 */
public final class MeanSquaredLogarithmicError extends Loss {
    public MeanSquaredLogarithmicError() { super("mean_squared_logarithmic_error"); }

    @Override public MeanSquaredLogarithmicError name(String name) { super.name(name); return this; }

    @Override public MeanSquaredLogarithmicError reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code mean_squared_logarithmic_error} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(Ops.cast(yTrue, yPred.dtype()), yPred);
        // log1p(x) is Keras's log(x + 1), without the rounding of x + 1 for small x.
        Tensor logPred = Ops.log1p(Ops.maximum(tp[1], EPSILON));
        Tensor logTrue = Ops.log1p(Ops.maximum(tp[0], EPSILON));
        return Ops.mean(Ops.square(Ops.subtract(logPred, logTrue)), -1, false);
    }

    public static MeanSquaredLogarithmicError fromConfig(Map<String, ?> config) {
        return configure(new MeanSquaredLogarithmicError(), config);
    }
}
