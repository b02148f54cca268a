package io.keras4j.autodiff;

import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.ReduceOp;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finite-difference gradient checking for tests: compares the gradients the tape gives with
 * central differences {@code (L(x + h) - L(x - h)) / 2h}, one input element at a time.
 *
 * <p>The checked scalar is {@code L = sum(f(inputs) * W)} with fixed pseudo-random weights W in
 * [-1, 1): a plain sum would hide errors in functions whose outputs sum to a constant (softmax's
 * gradient of its sum is zero whatever the rule says).
 *
 * <p>The error of one input is norm-wise: {@code max|analytic - numeric| / max(max|analytic|,
 * max|numeric|)}; elementwise relative error would blow up on components that are zero up to
 * rounding. Use float64 inputs: float32 central differences are too coarse for 1e-6.
 */
public final class GradCheck {
    /** The tolerance {@link #check} asserts. */
    public static final double TOLERANCE = 1e-6;
    /**
     * Default step. Absolute, not scaled by |x|: functions evaluated at large |x| (softmax of
     * logits near 500) are as curved there as near 0, and a scaled step would be too coarse.
     */
    public static final double STEP = 1e-5;

    private GradCheck() {}

    /** Asserts the tape's gradients of f match central differences to {@link #TOLERANCE}. */
    public static void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) { check(STEP, f, inputs); }

    /**
     * As {@link #check(Function, Tensor...)} with an explicit step. Also fails when some input's
     * numeric gradient is identically zero, so that a check cannot pass vacuously.
     */
    public static void check(double step, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        Result r = compare(step, f, inputs);
        for (int i = 0; i < inputs.length; i++) {
            if (r.numericScale[i] == 0) fail("numeric gradient of input " + i + " is zero everywhere: the check would be vacuous");
        }
        assertTrue(r.maxError < TOLERANCE, () -> "gradient check failed: relative error " + r.maxError + " >= " + TOLERANCE
                + "\n analytic " + r.describe(true) + "\n numeric  " + r.describe(false));
    }

    /** The largest norm-wise relative error over all inputs (0 when both gradients are zero). */
    public static double maxRelativeError(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        return compare(STEP, f, inputs).maxError;
    }

    public static double maxRelativeError(double step, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        return compare(step, f, inputs).maxError;
    }

    /** The gradients the tape gives for L = sum(f(inputs) * W); zeros where the tape answers null. */
    public static List<double[]> analytic(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<Tensor> in = Arrays.asList(inputs);
        List<Tensor> g;
        try (GradientTape tape = new GradientTape()) {
            for (Tensor x : inputs) tape.watch(x);
            g = tape.gradient(weighted(f.apply(in)), in);
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            Tensor gi = g.get(i);
            if (gi == null) {
                out.add(new double[inputs[i].size()]);
                continue;
            }
            if (!gi.shape().equals(inputs[i].shape())) {
                fail("gradient of input " + i + " has shape " + gi.shape() + ", expected " + inputs[i].shape());
            }
            out.add(gi.toDoubleArray());
        }
        return out;
    }

    /** Central differences of L = sum(f(inputs) * W), evaluated with no tape recording. */
    public static List<double[]> numeric(double step, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            double[] x = inputs[i].toDoubleArray();
            double[] g = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                double h = step;
                double saved = x[k];
                x[k] = saved + h;
                double up = evaluate(f, inputs, i, x);
                x[k] = saved - h;
                double down = evaluate(f, inputs, i, x);
                x[k] = saved;
                // Divide by the step actually taken, which rounding may have changed.
                g[k] = (up - down) / ((saved + h) - (saved - h));
            }
            out.add(g);
        }
        return out;
    }

    /** A float64 tensor of values uniform in [lo, hi), reproducible from the seed. */
    public static Tensor uniform(long seed, double lo, double hi, int... shape) {
        java.util.Random r = new java.util.Random(seed);
        double[] d = new double[Shape.of(shape).size()];
        for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * r.nextDouble();
        return Tensor.of(d, shape);
    }

    /** A float64 tensor of values uniform in [lo, hi) with random signs: |x| stays away from 0 (kinks). */
    public static Tensor awayFromZero(long seed, double lo, double hi, int... shape) {
        java.util.Random r = new java.util.Random(seed);
        double[] d = new double[Shape.of(shape).size()];
        for (int i = 0; i < d.length; i++) d[i] = (r.nextBoolean() ? 1 : -1) * (lo + (hi - lo) * r.nextDouble());
        return Tensor.of(d, shape);
    }

    // ---------------------------------------------------------------- internals

    private record Result(double maxError, double[] numericScale, List<double[]> analytic, List<double[]> numeric) {
        String describe(boolean a) {
            StringBuilder sb = new StringBuilder();
            for (double[] g : a ? analytic : numeric) sb.append(Arrays.toString(g.length > 12 ? Arrays.copyOf(g, 12) : g)).append(' ');
            return sb.toString();
        }
    }

    private static Result compare(double step, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<double[]> a = analytic(f, inputs);
        List<double[]> n = numeric(step, f, inputs);
        double worst = 0;
        double[] scales = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            double diff = 0, scaleA = 0, scaleN = 0;
            for (int k = 0; k < a.get(i).length; k++) {
                diff = Math.max(diff, Math.abs(a.get(i)[k] - n.get(i)[k]));
                scaleA = Math.max(scaleA, Math.abs(a.get(i)[k]));
                scaleN = Math.max(scaleN, Math.abs(n.get(i)[k]));
            }
            scales[i] = scaleN;
            double scale = Math.max(scaleA, scaleN);
            double err = scale > 0 ? diff / scale : 0;
            if (Double.isNaN(diff) || Double.isNaN(scale)) err = Double.NaN;
            // Keep a NaN once seen: NaN < TOLERANCE is false, so it fails the check.
            if (Double.isNaN(err) || err > worst) worst = Double.isNaN(worst) ? worst : err;
        }
        return new Result(worst, scales, a, n);
    }

    private static double evaluate(Function<List<Tensor>, Tensor> f, Tensor[] inputs, int which, double[] values) {
        Tensor[] in = inputs.clone();
        in[which] = Primitives.cast(Tensor.of(values, inputs[which].shape().dims()), inputs[which].dtype());
        return GradientTape.stopRecording(() -> weighted(f.apply(Arrays.asList(in)))).item();
    }

    /** sum(y * W) for weights W fixed by y's size, so every evaluation uses the same W. */
    private static Tensor weighted(Tensor y) {
        if (!y.dtype().isFloating()) throw new IllegalArgumentException("gradient check needs a floating output, got " + y.dtype());
        java.util.Random r = new java.util.Random(0x5EED + y.size());
        double[] w = new double[y.size()];
        for (int i = 0; i < w.length; i++) w[i] = 2 * r.nextDouble() - 1;
        Tensor wt = Primitives.cast(Tensor.of(w, y.shape().dims()), y.dtype());
        Tensor prod = Primitives.binary(BinaryOp.MUL, y, wt);
        Tensor s = Primitives.reduce(ReduceOp.SUM, prod, null, false);
        return s.dtype() == DType.FLOAT64 ? s : Primitives.cast(s, DType.FLOAT64);
    }
}
