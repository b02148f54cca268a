package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.LogCosh}: {@code mean(log(cosh(yPred - yTrue)), axis=-1)} per sample; about
 * {@code x^2 / 2} for small errors and {@code |x| - log 2} for large ones.
 */
public final class LogCosh extends Loss {
    private static final double LOG_2 = Math.log(2);

    public LogCosh() { super("log_cosh"); }

    @Override public LogCosh name(String name) { super.name(name); return this; }

    @Override public LogCosh reduction(String reduction) { super.reduction(reduction); return this; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    /** Keras's {@code log_cosh} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(Ops.cast(yTrue, yPred.dtype()), yPred);
        Tensor x = Ops.subtract(tp[1], tp[0]);
        // log(cosh x) = |x| + log1p(exp(-2|x|)) - log 2, Keras's x + softplus(-2x) - log 2 written on
        // |x|: exp never overflows, and the derivative at x = 0 is tanh(0) = 0 (sign(0) = 0).
        Tensor a = Ops.abs(x);
        Tensor logCosh = Ops.subtract(Ops.add(a, Ops.log1p(Ops.exp(Ops.multiply(a, -2.0)))), LOG_2);
        return Ops.mean(logCosh, -1, false);
    }

    public static LogCosh fromConfig(Map<String, ?> config) { return configure(new LogCosh(), config); }
}
