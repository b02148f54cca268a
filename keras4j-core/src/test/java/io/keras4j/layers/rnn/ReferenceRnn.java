package io.keras4j.layers.rnn;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plain-loop versions of Keras's recurrent formulas, written from the Keras source's equations
 * element by element (no ops, no tape), to check the layers against. Arrays: x[batch][time][feature],
 * kernel[in][gates*units], recurrent[units][gates*units]; results are the outputs of every step in
 * processing order, [batch][step][unit].
 */
final class ReferenceRnn {
    private ReferenceRnn() {}

    static final DoubleUnaryOperator TANH = Math::tanh;
    static final DoubleUnaryOperator SIGMOID = v -> 1 / (1 + Math.exp(-v));

    /** x · kernel + bias for one row: the pre-activations of every gate. */
    private static double[] affine(double[] x, double[][] w, double[] bias) {
        int k = w[0].length;
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            double s = bias == null ? 0 : bias[j];
            for (int i = 0; i < x.length; i++) s += x[i] * w[i][j];
            out[j] = s;
        }
        return out;
    }

    private static int time(int s, int steps, boolean backwards) { return backwards ? steps - 1 - s : s; }

    static double[][][] simpleRnn(double[][][] x, double[][] w, double[][] u, double[] b, DoubleUnaryOperator act, boolean backwards, double[][] h0) {
        int batch = x.length, steps = x[0].length, units = u.length;
        double[][][] out = new double[batch][steps][units];
        for (int n = 0; n < batch; n++) {
            double[] h = h0 == null ? new double[units] : h0[n].clone();
            for (int s = 0; s < steps; s++) {
                double[] a = affine(x[n][time(s, steps, backwards)], w, b);
                double[] r = affine(h, u, null);
                for (int j = 0; j < units; j++) h[j] = act.applyAsDouble(a[j] + r[j]);
                out[n][s] = h.clone();
            }
        }
        return out;
    }

    static double[][][] lstm(double[][][] x, double[][] w, double[][] u, double[] b, DoubleUnaryOperator act, DoubleUnaryOperator rec, boolean backwards) {
        int batch = x.length, steps = x[0].length, units = u.length;
        double[][][] out = new double[batch][steps][units];
        for (int n = 0; n < batch; n++) {
            double[] h = new double[units], c = new double[units];
            for (int s = 0; s < steps; s++) {
                double[] a = affine(x[n][time(s, steps, backwards)], w, b);
                double[] r = affine(h, u, null);
                for (int j = 0; j < units; j++) {
                    double i = rec.applyAsDouble(a[j] + r[j]);
                    double f = rec.applyAsDouble(a[units + j] + r[units + j]);
                    double g = act.applyAsDouble(a[2 * units + j] + r[2 * units + j]);
                    double o = rec.applyAsDouble(a[3 * units + j] + r[3 * units + j]);
                    c[j] = f * c[j] + i * g;
                    h[j] = o * act.applyAsDouble(c[j]);
                }
                out[n][s] = h.clone();
            }
        }
        return out;
    }

    /** GRU; {@code bias} is (3u) without reset_after, or the two rows (input, recurrent) flattened (6u) with it. */
    static double[][][] gru(double[][][] x, double[][] w, double[][] u, double[] bias, boolean resetAfter,
                            DoubleUnaryOperator act, DoubleUnaryOperator rec, boolean backwards) {
        int batch = x.length, steps = x[0].length, units = u.length;
        double[] inputBias = null, recurrentBias = null;
        if (bias != null) {
            inputBias = java.util.Arrays.copyOfRange(bias, 0, 3 * units);
            if (resetAfter) recurrentBias = java.util.Arrays.copyOfRange(bias, 3 * units, 6 * units);
        }
        double[][][] out = new double[batch][steps][units];
        for (int n = 0; n < batch; n++) {
            double[] h = new double[units];
            for (int s = 0; s < steps; s++) {
                double[] a = affine(x[n][time(s, steps, backwards)], w, inputBias);
                double[] r = affine(h, u, recurrentBias);
                double[] z = new double[units], rg = new double[units], next = new double[units];
                for (int j = 0; j < units; j++) {
                    z[j] = rec.applyAsDouble(a[j] + r[j]);
                    rg[j] = rec.applyAsDouble(a[units + j] + r[units + j]);
                }
                for (int j = 0; j < units; j++) {
                    double recurrentH;
                    if (resetAfter) {
                        recurrentH = rg[j] * r[2 * units + j];
                    } else {
                        recurrentH = 0;
                        for (int i = 0; i < units; i++) recurrentH += rg[i] * h[i] * u[i][2 * units + j];
                    }
                    double hh = act.applyAsDouble(a[2 * units + j] + recurrentH);
                    next[j] = z[j] * h[j] + (1 - z[j]) * hh;
                }
                h = next;
                out[n][s] = h.clone();
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ data helpers

    static double[][] matrix(SplittableRandom r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = r.nextDouble(-1, 1);
        return m;
    }

    static double[] vector(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
        return v;
    }

    static double[][][] sequence(SplittableRandom r, int batch, int steps, int features) {
        double[][][] x = new double[batch][][];
        for (int n = 0; n < batch; n++) x[n] = matrix(r, steps, features);
        return x;
    }

    static Tensor tensor(double[][] m) { return Tensor.of(m); }

    static Tensor tensor(double[][][] x) {
        int b = x.length, t = x[0].length, f = x[0][0].length;
        double[] flat = new double[b * t * f];
        for (int n = 0; n < b; n++) for (int s = 0; s < t; s++) System.arraycopy(x[n][s], 0, flat, (n * t + s) * f, f);
        return Tensor.of(flat, b, t, f);
    }

    static double[] flat(double[][][] y) {
        List<Double> out = new ArrayList<>();
        for (double[][] a : y) for (double[] row : a) for (double v : row) out.add(v);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The last step of every sequence, flattened (batch, units). */
    static double[] last(double[][][] y) {
        int units = y[0][0].length;
        double[] out = new double[y.length * units];
        for (int n = 0; n < y.length; n++) System.arraycopy(y[n][y[n].length - 1], 0, out, n * units, units);
        return out;
    }

    /**
     * Float64 central differences of {@code sum(layer(x) * probe)} with respect to every weight,
     * against the tape's gradients: what GradCheck does for inputs, done for variables.
     */
    static void checkWeightGradients(Layer layer, Tensor x) {
        Tensor probe = null;
        List<Variable> vars = layer.trainableWeights();
        List<Tensor> analytic;
        Tensor y0 = layer.apply(x, false);
        double[] p = new double[y0.size()];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < p.length; i++) p[i] = r.nextDouble(-1, 1);
        probe = Tensor.of(p, y0.shape().dims());
        try (GradientTape tape = new GradientTape()) {
            analytic = tape.gradientOfVariables(Ops.sum(Ops.multiply(layer.apply(x, false), probe)), vars);
        }
        double step = 1e-6, worst = 0;
        for (int v = 0; v < vars.size(); v++) {
            Variable var = vars.get(v);
            double[] w = var.peek().toDoubleArray();
            double[] g = analytic.get(v).toDoubleArray();
            double scale = 1e-12;
            double[] numeric = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                double keep = w[i];
                w[i] = keep + step;
                var.assign(Tensor.of(w.clone(), var.shape().dims()));
                double plus = Ops.sum(Ops.multiply(layer.apply(x, false), probe)).item();
                w[i] = keep - step;
                var.assign(Tensor.of(w.clone(), var.shape().dims()));
                double minus = Ops.sum(Ops.multiply(layer.apply(x, false), probe)).item();
                w[i] = keep;
                var.assign(Tensor.of(w.clone(), var.shape().dims()));
                numeric[i] = (plus - minus) / (2 * step);
                scale = Math.max(scale, Math.max(Math.abs(numeric[i]), Math.abs(g[i])));
            }
            assertTrue(scale > 1e-9, "numeric gradient of " + var.name() + " is zero everywhere");
            for (int i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(numeric[i] - g[i]) / scale);
        }
        assertTrue(worst < 1e-6, "weight gradient check failed: relative error " + worst);
    }
}
