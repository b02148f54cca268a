package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.SquaredHinge}: {@code mean(square(max(1 - yTrue * yPred, 0)), axis=-1)} per
 * sample. Labels that are all 0 or 1 are mapped to -1 and 1 first.
 */
public final class SquaredHinge extends Loss {
    public SquaredHinge() { super("squared_hinge"); }

    @Override public SquaredHinge name(String name) { super.name(name); return this; }

    @Override public SquaredHinge reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code squared_hinge} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor t = Hinge.convertBinaryLabelsToHinge(Ops.cast(yTrue, yPred.dtype()));
        return Ops.mean(Ops.square(Hinge.margin(t, yPred)), -1, false);
    }

    public static SquaredHinge fromConfig(Map<String, ?> config) { return configure(new SquaredHinge(), config); }
}
