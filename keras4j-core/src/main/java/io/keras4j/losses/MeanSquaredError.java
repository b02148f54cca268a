package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** {@code keras.losses.MeanSquaredError}: {@code mean(square(yTrue - yPred), axis=-1)} per sample. */
public final class MeanSquaredError extends Loss {
    public MeanSquaredError() { super("mean_squared_error"); }

    @Override public MeanSquaredError name(String name) { super.name(name); return this; }

    @Override public MeanSquaredError reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code mean_squared_error} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(Ops.cast(yTrue, yPred.dtype()), yPred);
        return Ops.mean(Ops.square(Ops.subtract(tp[0], tp[1])), -1, false);
    }

    public static MeanSquaredError fromConfig(Map<String, ?> config) { return configure(new MeanSquaredError(), config); }
}
