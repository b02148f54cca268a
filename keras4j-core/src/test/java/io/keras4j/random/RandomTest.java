package io.keras4j.random;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomTest {
    /** withSeed: a thread-local generator that neither reads nor advances the global one, and nests. */
    @Test void withSeedIsolatesTheGlobalGenerator() throws Exception {
        Random.setSeed(5);
        long expectedGlobal = Random.nextSeed();
        long inScope = new java.util.SplittableRandom(77).nextLong();
        Random.setSeed(5);
        long[] drawn = new long[3];
        Random.withSeed(77, () -> {
            drawn[0] = Random.nextSeed();
            drawn[1] = Random.withSeed(78, Random::nextSeed);
            drawn[2] = Random.nextSeed(); // the outer scope resumes where it stopped
            return null;
        });
        assertEquals(inScope, drawn[0]);
        assertEquals(new java.util.SplittableRandom(78).nextLong(), drawn[1]);
        java.util.SplittableRandom outer = new java.util.SplittableRandom(77);
        outer.nextLong();
        assertEquals(outer.nextLong(), drawn[2]);
        assertEquals(expectedGlobal, Random.nextSeed(), "the scope advanced the global generator");
        // Another thread's scope does not see this thread's draws.
        Random.setSeed(5);
        Thread t = new Thread(() -> Random.withSeed(1, () -> Random.uniform(Shape.of(1000), 0, 1, DType.FLOAT32, null)));
        t.start();
        t.join();
        assertEquals(expectedGlobal, Random.nextSeed());
    }

    /** Inside a step scope a noise draw depends on the step seed only; outside it, on the layer's stream. */
    @Test void stepScopeKeysNoiseDrawsByTheStepAlone() {
        java.util.function.LongSupplier stream = new java.util.SplittableRandom(1)::nextLong;
        long a, b, c;
        try (Random.Scope s = Random.stepScope(Random.deriveSeed(9, 2, 3))) {
            a = Random.noiseSeed(null, stream);
            b = Random.noiseSeed(4L, stream);
        }
        stream.getAsLong(); // draws consumed elsewhere do not matter
        try (Random.Scope s = Random.stepScope(Random.deriveSeed(9, 2, 3))) {
            assertEquals(a, Random.noiseSeed(null, stream));
            assertEquals(b, Random.noiseSeed(4L, stream));
        }
        try (Random.Scope s = Random.stepScope(Random.deriveSeed(9, 2, 4))) {
            c = Random.noiseSeed(null, stream);
        }
        assertTrue(a != c, "another step, another draw");
        long outside = Random.noiseSeed(null, () -> 42L);
        assertEquals(42L, outside);
        assertTrue(Random.deriveSeed(1, 2) != Random.deriveSeed(2, 1));
    }

    private static final Shape BIG = Shape.of(200, 500); // 100k samples: standard errors ~0.003

    @Test
    void sameSeedSameValues() {
        Shape s = Shape.of(3, 4);
        assertArrayEquals(Random.uniform(s, 0, 1, DType.FLOAT32, 42L).toFloatArray(), Random.uniform(s, 0, 1, DType.FLOAT32, 42L).toFloatArray());
        assertArrayEquals(Random.normal(s, 0, 1, DType.FLOAT64, 7L).toDoubleArray(), Random.normal(s, 0, 1, DType.FLOAT64, 7L).toDoubleArray());
        assertArrayEquals(Random.truncatedNormal(s, 0, 1, DType.FLOAT32, 7L).toFloatArray(),
                Random.truncatedNormal(s, 0, 1, DType.FLOAT32, 7L).toFloatArray());
        assertArrayEquals(Random.permutation(50, 3L), Random.permutation(50, 3L));
        assertFalse(Arrays.equals(Random.uniform(s, 0, 1, DType.FLOAT64, 1L).toDoubleArray(),
                Random.uniform(s, 0, 1, DType.FLOAT64, 2L).toDoubleArray()));
    }

    @Test
    void setSeedMakesUnseededDrawsRepeat() {
        Shape s = Shape.of(5);
        Random.setSeed(1234);
        double[] a1 = Random.uniform(s, 0, 1, DType.FLOAT64, null).toDoubleArray();
        double[] b1 = Random.normal(s, 0, 1, DType.FLOAT64, null).toDoubleArray();
        int[] p1 = Random.permutation(10, null);
        Random.setSeed(1234);
        assertArrayEquals(a1, Random.uniform(s, 0, 1, DType.FLOAT64, null).toDoubleArray());
        assertArrayEquals(b1, Random.normal(s, 0, 1, DType.FLOAT64, null).toDoubleArray());
        assertArrayEquals(p1, Random.permutation(10, null));
        // Successive unseeded draws differ from each other.
        assertFalse(Arrays.equals(Random.uniform(s, 0, 1, DType.FLOAT64, null).toDoubleArray(),
                Random.uniform(s, 0, 1, DType.FLOAT64, null).toDoubleArray()));
    }

    @Test
    void uniformStaysInItsHalfOpenInterval() {
        Tensor t = Random.uniform(BIG, -2, 3, DType.FLOAT64, 11L);
        assertEquals(BIG, t.shape());
        assertEquals(DType.FLOAT64, t.dtype());
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0, sq = 0;
        for (double v : t.toDoubleArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sq += v * v;
        }
        assertTrue(min >= -2 && max < 3, min + " " + max);
        int n = t.size();
        double mean = sum / n, var = sq / n - mean * mean;
        assertEquals(0.5, mean, 0.02);           // (a + b) / 2
        assertEquals(25.0 / 12, var, 0.03);      // (b - a)^2 / 12
        assertTrue(min < -1.99 && max > 2.99);   // the whole interval is reached
        float[] f = Random.uniform(Shape.of(1000), 0, 1, DType.FLOAT32, 12L).toFloatArray();
        for (float v : f) assertTrue(v >= 0 && v < 1);
    }

    @Test
    void roundingNeverReachesMaxval() {
        // Between 2^24 and 2^24 + 2 float32 has no other value: half the draws would round up to maxval.
        double lo = 1 << 24;
        for (float v : Random.uniform(Shape.of(1000), lo, lo + 2, DType.FLOAT32, 17L).toFloatArray()) {
            assertTrue(v >= lo && v < lo + 2, "value " + v);
        }
        double lo64 = 0x1p53; // the same for float64 at 2^53
        for (double v : Random.uniform(Shape.of(1000), lo64, lo64 + 2, DType.FLOAT64, 18L).toDoubleArray()) {
            assertTrue(v >= lo64 && v < lo64 + 2, "value " + v);
        }
    }

    @Test
    void normalMeanAndStd() {
        Tensor t = Random.normal(BIG, 3, 2, DType.FLOAT32, 13L);
        double[] m = moments(t.toDoubleArray());
        assertEquals(3, m[0], 0.02);
        assertEquals(2, m[1], 0.02);
        // Roughly 68.27% within one std.
        long within = Arrays.stream(t.toDoubleArray()).filter(v -> Math.abs(v - 3) < 2).count();
        assertEquals(0.6827, within / (double) t.size(), 0.01);
    }

    @Test
    void truncatedNormalStaysWithinTwoStd() {
        Tensor t = Random.truncatedNormal(BIG, -1, 0.5, DType.FLOAT64, 14L);
        double[] v = t.toDoubleArray();
        for (double x : v) assertTrue(Math.abs(x + 1) <= 1.0, "value " + x);
        double[] m = moments(v);
        assertEquals(-1, m[0], 0.01);
        // The std of a normal truncated at +-2 sigma is 0.8796 sigma.
        assertEquals(0.5 * 0.8796, m[1], 0.01);
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = Random.permutation(1000, 5L);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) assertEquals(i, sorted[i]);
        int fixed = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == i) fixed++;
        assertTrue(fixed < 10, "a shuffle leaves about one element in place, got " + fixed);
        assertEquals(0, Random.permutation(0, 1L).length);
        assertArrayEquals(new int[] {0}, Random.permutation(1, 1L));
    }

    @Test
    void permutationIsUniformOverPositions() {
        // Each element lands at each position with probability 1/n.
        int n = 4, trials = 40_000;
        int[][] counts = new int[n][n];
        for (int t = 0; t < trials; t++) {
            int[] p = Random.permutation(n, (long) t);
            for (int i = 0; i < n; i++) counts[p[i]][i]++;
        }
        for (int[] row : counts) for (int c : row) assertEquals(trials / n, c, 400);
    }

    @Test
    void keepMaskRate() {
        float[] m = Random.keepMask(100_001, 0.3, 2.5f, 15L);
        double kept = 0;
        for (float v : m) {
            assertTrue(v == 0 || v == 2.5f);
            if (v != 0) kept++;
        }
        assertEquals(0.7, kept / m.length, 0.01);
        assertEquals(0, Random.keepMask(1000, 1.0, 1f, 3L)[999], "rate 1 drops everything");
        for (float v : Random.keepMask(1001, 0.0, 1f, 3L)) assertEquals(1f, v, "rate 0 keeps everything");
    }

    @Test
    void integerDtypesAreRefusedAsInKeras() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Random.uniform(Shape.of(3), 0, 5, DType.INT32, 16L));
        assertTrue(e.getMessage().contains("keras.random.uniform") && e.getMessage().contains("int32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Random.normal(Shape.of(3), 0, 1, DType.INT64, 16L));
        assertThrows(IllegalArgumentException.class, () -> Random.truncatedNormal(Shape.of(3), 0, 1, DType.INT32, 16L));
    }

    private static double[] moments(double[] v) {
        double s = 0, sq = 0;
        for (double x : v) s += x;
        double mean = s / v.length;
        for (double x : v) sq += (x - mean) * (x - mean);
        return new double[] {mean, Math.sqrt(sq / v.length)};
    }
}
