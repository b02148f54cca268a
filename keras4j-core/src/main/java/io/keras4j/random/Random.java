package io.keras4j.random;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * Random tensors, as {@code keras.random}. A call with a seed is a pure function of that seed; a
 * call without one draws its seed from the global generator, which {@link #setSeed} resets, so a
 * whole program (weight initialisation, shuffling, dropout) repeats bit for bit for a fixed seed.
 */
public final class Random {
    private static SplittableRandom global = new SplittableRandom();

    private Random() {}

    /** Resets the global generator (Keras's {@code keras.utils.set_random_seed}). */
    public static synchronized void setSeed(long seed) { global = new SplittableRandom(seed); }

    /** A fresh seed from the global generator. */
    public static synchronized long nextSeed() { return global.nextLong(); }

    private static SplittableRandom rng(Long seed) { return new SplittableRandom(seed == null ? nextSeed() : seed); }

    public static Tensor uniform(Shape shape, double minval, double maxval, DType dtype, Long seed) {
        requireFloat("uniform", dtype);
        SplittableRandom r = rng(seed);
        int n = shape.size();
        double[] d = new double[n];
        double span = maxval - minval;
        // Rounding (of the sum, or to float32) can land on maxval itself: keep [minval, maxval) half-open.
        boolean clamp = maxval > minval;
        for (int i = 0; i < n; i++) {
            double v = minval + span * r.nextDouble();
            d[i] = clamp && v >= maxval ? Math.nextDown(maxval) : v;
        }
        if (dtype == DType.FLOAT64) return Tensor.wrap(d, shape);
        float top = (float) maxval < maxval ? (float) maxval : Math.nextDown((float) maxval);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            float v = (float) d[i];
            f[i] = clamp && v >= maxval ? top : v;
        }
        return Tensor.wrap(f, shape);
    }

    public static Tensor normal(Shape shape, double mean, double stddev, DType dtype, Long seed) {
        requireFloat("normal", dtype);
        SplittableRandom r = rng(seed);
        int n = shape.size();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = mean + stddev * gaussian(r);
        return cast(d, shape, dtype);
    }

    /** Normal values redrawn until within two standard deviations of the mean, as Keras. */
    public static Tensor truncatedNormal(Shape shape, double mean, double stddev, DType dtype, Long seed) {
        requireFloat("truncated_normal", dtype);
        SplittableRandom r = rng(seed);
        int n = shape.size();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double g;
            do g = gaussian(r); while (Math.abs(g) > 2);
            d[i] = mean + stddev * g;
        }
        return cast(d, shape, dtype);
    }

    /**
     * A dropout mask: {@code keep} with probability {@code 1 - rate}, else 0. Each 64-bit draw
     * decides two elements (32 bits each, compared with rate·2^32): the mask is made on every
     * training step, and one generator call per element was a tenth of an MLP step.
     */
    public static float[] keepMask(int n, double rate, float keep, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long threshold = (long) Math.ceil(rate * 4294967296.0);
        float[] m = new float[n];
        for (int i = 0; i < n; i += 2) {
            long bits = r.nextLong();
            m[i] = (bits >>> 32) >= threshold ? keep : 0f;
            if (i + 1 < n) m[i + 1] = (bits & 0xffffffffL) >= threshold ? keep : 0f;
        }
        return m;
    }

    /** A random permutation of 0..n-1 (Fisher-Yates). */
    public static int[] permutation(int n, Long seed) {
        SplittableRandom r = rng(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Keras refuses integer dtypes here (rounding a continuous draw is not a uniform integer draw). */
    private static void requireFloat(String fn, DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("`keras.random." + fn + "` requires a floating point `dtype`. Received: dtype=" + dtype);
        }
    }

    /** Box-Muller; one value per call keeps the stream simple and reproducible. */
    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        if (u1 < 1e-300) u1 = 1e-300;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static Tensor cast(double[] d, Shape shape, DType dtype) {
        if (dtype == DType.FLOAT64) return Tensor.wrap(d, shape);
        float[] o = new float[d.length];
        for (int i = 0; i < d.length; i++) o[i] = (float) d[i];
        return Tensor.wrap(o, shape);
    }
}
