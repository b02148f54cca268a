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

    /**
     * A generator that replaces the global one on a single thread (see {@link #withSeed}): the
     * trials of a hyperparameter search run side by side, each repeatable on its own.
     */
    private static final ThreadLocal<SplittableRandom> SCOPED = new ThreadLocal<>();

    /** Resets the global generator (Keras's {@code keras.utils.set_random_seed}). */
    public static synchronized void setSeed(long seed) { global = new SplittableRandom(seed); }

    /** A fresh seed from the global generator, or from this thread's {@link #withSeed} scope. */
    public static long nextSeed() {
        SplittableRandom scoped = SCOPED.get();
        if (scoped != null) return scoped.nextLong();
        synchronized (Random.class) {
            return global.nextLong();
        }
    }

    /**
     * Runs {@code body} with this thread drawing its seeds (weight initialisation, shuffling,
     * dropout) from a generator fixed by {@code seed} instead of the global one, which it neither
     * reads nor advances: the result is the same whatever other threads do meanwhile. Scopes nest;
     * the previous generator is restored on exit.
     */
    public static <T> T withSeed(long seed, java.util.function.Supplier<T> body) {
        SplittableRandom previous = SCOPED.get();
        SCOPED.set(new SplittableRandom(seed));
        try {
            return body.get();
        } finally {
            if (previous == null) SCOPED.remove();
            else SCOPED.set(previous);
        }
    }

    /** SplitMix64's finaliser: one well-mixed 64-bit value from several keys, so seeds derived from (seed, epoch, step) do not collide. */
    public static long deriveSeed(long seed, long... keys) {
        long h = seed;
        for (long k : keys) h = mix(h ^ mix(k + 0x9E3779B97F4A7C15L));
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // The training step that is running on this thread, if any: noise layers draw from it (see noiseSeed).
    private static final ThreadLocal<SplittableRandom> STEP = new ThreadLocal<>();

    /**
     * Runs one training step with its noise (dropout masks) keyed by {@code stepSeed}: {@code fit}
     * derives that from (fit seed, epoch, step), so a fit resumed from a backup at some step draws
     * the same masks as the uninterrupted run, whatever was drawn before the interruption.
     */
    public static Scope stepScope(long stepSeed) {
        SplittableRandom previous = STEP.get();
        STEP.set(new SplittableRandom(stepSeed));
        return () -> {
            if (previous == null) STEP.remove();
            else STEP.set(previous);
        };
    }

    /** Ends a {@link #stepScope}. */
    public interface Scope extends AutoCloseable {
        @Override void close();
    }

    /**
     * The seed of one noise draw by a layer: inside a {@link #stepScope} the next value of the
     * step's stream (mixed with the layer's own seed when it has one), elsewhere the layer's own
     * stream, as Keras's {@code SeedGenerator}.
     */
    public static long noiseSeed(Long layerSeed, java.util.function.LongSupplier layerStream) {
        SplittableRandom step = STEP.get();
        if (step == null) return layerStream.getAsLong();
        long s = step.nextLong();
        return layerSeed == null ? s : deriveSeed(layerSeed, s);
    }

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
