package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.Hinge}: {@code mean(max(1 - yTrue * yPred, 0), axis=-1)} per sample. Labels
 * are expected in {-1, 1}; labels that are all 0 or 1 are mapped to -1 and 1 first.
 */
public final class Hinge extends Loss {
    public Hinge() { super("hinge"); }

    @Override public Hinge name(String name) { super.name(name); return this; }

    @Override public Hinge reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code hinge} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor t = convertBinaryLabelsToHinge(Ops.cast(yTrue, yPred.dtype()));
        return Ops.mean(margin(t, yPred), -1, false);
    }

    /** max(1 - yTrue * yPred, 0), shared with SquaredHinge. */
    static Tensor margin(Tensor yTrue, Tensor yPred) {
        return Ops.maximum(Ops.subtract(1.0, Ops.multiply(yTrue, yPred)), 0.0);
    }

    /** 2y - 1 when every label is 0 or 1, the labels unchanged otherwise (Keras's rule). */
    static Tensor convertBinaryLabelsToHinge(Tensor yTrue) {
        for (int i = 0; i < yTrue.size(); i++) {
            double v = yTrue.getDouble(i);
            if (v != 0 && v != 1) return yTrue;
        }
        return Ops.subtract(Ops.multiply(yTrue, 2.0), 1.0);
    }

    public static Hinge fromConfig(Map<String, ?> config) { return configure(new Hinge(), config); }
}
